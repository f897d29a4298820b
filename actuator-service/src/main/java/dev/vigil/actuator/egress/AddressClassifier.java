package dev.vigil.actuator.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Says why an address is no place for a user-configured call: loopback, private, link-local (the cloud
 * metadata service at 169.254.169.254), this-network, multicast, reserved or special-purpose ranges
 * (IANA's special-purpose registries), including IPv4 addresses embedded in IPv6 (mapped, compatible,
 * NAT64, 6to4), which reach the same hosts.
 */
public final class AddressClassifier {

    private record Range(Cidr cidr, String reason) {
        static Range of(String cidr, String reason) {
            return new Range(Cidr.of(cidr), reason);
        }
    }

    private static final String RESERVED = "reserved address";

    private static final List<Range> IPV4 = List.of(
            Range.of("0.0.0.0/8", "this-network address (0.0.0.0/8)"),
            Range.of("127.0.0.0/8", "loopback address"),
            Range.of("10.0.0.0/8", "private address (RFC 1918)"),
            Range.of("172.16.0.0/12", "private address (RFC 1918)"),
            Range.of("192.168.0.0/16", "private address (RFC 1918)"),
            Range.of("100.64.0.0/10", "shared address space (RFC 6598)"),
            Range.of("169.254.0.0/16", "link-local address"),
            Range.of("192.0.0.0/24", RESERVED),
            Range.of("192.0.2.0/24", RESERVED),
            Range.of("198.18.0.0/15", RESERVED),
            Range.of("198.51.100.0/24", RESERVED),
            Range.of("203.0.113.0/24", RESERVED),
            Range.of("224.0.0.0/4", "multicast address"),
            Range.of("240.0.0.0/4", "reserved or broadcast address"));

    private static final List<Range> IPV6 = List.of(
            Range.of("::/128", "unspecified address"),
            Range.of("::1/128", "loopback address"),
            Range.of("fc00::/7", "unique-local address"),
            Range.of("fe80::/10", "link-local address"),
            Range.of("fec0::/10", "site-local address"),
            Range.of("ff00::/8", "multicast address"),
            Range.of("100::/64", RESERVED),
            Range.of("2001::/23", RESERVED),
            Range.of("2001:db8::/32", RESERVED));

    /** IPv6 forms that carry an IPv4 address in their last 32 bits: that address decides. */
    private static final List<Cidr> EMBEDDING_LAST_32 = List.of(
            ipv4Mapped(),
            new Cidr(new byte[16], 96),
            Cidr.of("64:ff9b::/96"),
            Cidr.of("64:ff9b:1::/48"));
    /** 6to4 carries its IPv4 address in bits 16 to 47. */
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");

    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    private static final int SIX_TO_FOUR_OFFSET = 2;

    private AddressClassifier() {
    }

    /** {@code ::ffff:0:0/96}, built by hand: Java reads that literal as the IPv4 address it maps. */
    private static Cidr ipv4Mapped() {
        byte[] prefix = new byte[16];
        prefix[10] = (byte) 0xff;
        prefix[11] = (byte) 0xff;
        return new Cidr(prefix, 96);
    }

    /** Why the address is refused, or empty when it is an ordinary public address. */
    public static Optional<String> refusal(InetAddress address) {
        return refusal(address.getAddress());
    }

    static Optional<String> refusal(byte[] bytes) {
        if (bytes.length == IPV4_BYTES) {
            return first(IPV4, bytes);
        }
        if (bytes.length != IPV6_BYTES) {
            return Optional.of("not an IP address");
        }
        for (Cidr embedding : EMBEDDING_LAST_32) {
            if (embedding.contains(bytes)) {
                byte[] v4 = Arrays.copyOfRange(bytes, IPV6_BYTES - IPV4_BYTES, IPV6_BYTES);
                // ::/96 also holds :: and ::1, whose own ranges come first.
                Optional<String> own = first(IPV6, bytes);
                return own.isPresent() ? own : first(IPV4, v4).map(r -> r + " (embedded in IPv6)");
            }
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            byte[] v4 = Arrays.copyOfRange(bytes, SIX_TO_FOUR_OFFSET, SIX_TO_FOUR_OFFSET + IPV4_BYTES);
            return first(IPV4, v4).map(r -> r + " (embedded in 6to4)");
        }
        return first(IPV6, bytes);
    }

    /** The IPv4 address an IPv6 address embeds (mapped, compatible, NAT64), or the address itself. */
    static InetAddress unwrap(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == IPV6_BYTES && EMBEDDING_LAST_32.get(0).contains(bytes)) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(bytes, IPV6_BYTES - IPV4_BYTES, IPV6_BYTES));
            } catch (UnknownHostException e) {
                return address;
            }
        }
        return address;
    }

    private static Optional<String> first(List<Range> ranges, byte[] bytes) {
        return ranges.stream().filter(r -> r.cidr().contains(bytes)).map(Range::reason).findFirst();
    }
}
