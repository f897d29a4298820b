package dev.vigil.actuator.egress;

import java.net.InetAddress;
import java.util.Optional;

/** An IPv4 or IPv6 address range, {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a range of one. */
public record Cidr(byte[] network, int prefixBits) {

    private static final int BITS_PER_BYTE = 8;
    private static final int BYTE_MASK = 0xff;

    /** Null when the text is not an address or range literal (a host name, say). */
    public static Cidr parseOrNull(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        Optional<InetAddress> parsed = HostLiterals.parse(address);
        if (parsed.isEmpty()) {
            return null;
        }
        byte[] bytes = parsed.get().getAddress();
        int max = bytes.length * BITS_PER_BYTE;
        int prefix;
        if (slash < 0) {
            prefix = max;
        } else {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (prefix < 0 || prefix > max) {
            return null;
        }
        return new Cidr(bytes, prefix);
    }

    public static Cidr of(String text) {
        Cidr cidr = parseOrNull(text);
        if (cidr == null) {
            throw new IllegalArgumentException("not a CIDR range: " + text);
        }
        return cidr;
    }

    /** Whether the address (of the same family) lies in this range. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefixBits / BITS_PER_BYTE;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % BITS_PER_BYTE;
        if (rest == 0) {
            return true;
        }
        int mask = (BYTE_MASK << (BITS_PER_BYTE - rest)) & BYTE_MASK;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }
}
