package dev.vigil.actuator.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a URL host that is an address literal, without any DNS lookup: IPv6 (bracketed or not) and IPv4
 * in every form a C resolver accepts ({@code 127.1}, {@code 0x7f.0.0.1}, {@code 017700000001},
 * {@code 2130706433}), since a client that reads them so would reach the address they spell.
 */
public final class HostLiterals {

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern NUMERIC_LABELS = Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)(\\.(0[xX][0-9a-fA-F]*|[0-9]+))*\\.?");
    private static final int IPV4_PARTS = 4;
    private static final int BITS_PER_BYTE = 8;
    private static final int BYTE_MASK = 0xff;
    private static final int HEX = 16;
    private static final int OCTAL = 8;
    private static final int DECIMAL = 10;

    private HostLiterals() {
    }

    /** The address the host spells, empty when it is a name (or no valid literal). */
    public static Optional<InetAddress> parse(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.indexOf(':') >= 0) {
            return ipv6(bare);
        }
        return ipv4(bare);
    }

    /**
     * Whether the host looks like a number rather than a name (every label numeric) but is no valid
     * IPv4 address, such as {@code 999.1.1.1}: no client should be asked to resolve it.
     */
    public static boolean isMalformedNumeric(String host) {
        return host != null && NUMERIC_LABELS.matcher(host).matches() && ipv4(host).isEmpty();
    }

    private static Optional<InetAddress> ipv6(String text) {
        if (!IPV6_CHARS.matcher(text).matches()) {
            // Zone ids (fe80::1%eth0) and anything else unusual are not addresses we call.
            return Optional.empty();
        }
        try {
            // A literal with ':' is parsed, never looked up; a malformed one throws.
            return Optional.of(InetAddress.getByName("[" + text + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(String text) {
        String host = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (!NUMERIC_LABELS.matcher(host).matches()) {
            return Optional.empty();
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length > IPV4_PARTS) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        // The last part fills the bytes the others leave (inet_aton): 127.1 is 127.0.0.1.
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > BYTE_MASK) {
                return Optional.empty();
            }
            address |= values[i] << (BITS_PER_BYTE * (IPV4_PARTS - 1 - i));
        }
        int lastBytes = IPV4_PARTS - (parts.length - 1);
        long last = values[parts.length - 1];
        if (last >= 1L << (BITS_PER_BYTE * lastBytes)) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = new byte[IPV4_PARTS];
        for (int i = 0; i < IPV4_PARTS; i++) {
            bytes[i] = (byte) (address >>> (BITS_PER_BYTE * (IPV4_PARTS - 1 - i)));
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Long number(String part) {
        if (part.isEmpty()) {
            return null;
        }
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), HEX);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), OCTAL);
            }
            return Long.parseLong(part, DECIMAL);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
