package dev.vigil.actuator.egress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The exceptions to the egress policy ({@code vigil.actuator.egress.allow}): address ranges
 * ({@code 10.1.0.0/16}, {@code ::1/128}, a bare address) and targets ({@code host:port},
 * {@code [::1]:8080}), a name matching the URL's host as written.
 */
public final class EgressAllowList {

    private record HostPort(String host, InetAddress address, int port) {
    }

    private final List<Cidr> ranges;
    private final List<HostPort> targets;

    private EgressAllowList(List<Cidr> ranges, List<HostPort> targets) {
        this.ranges = ranges;
        this.targets = targets;
    }

    public static EgressAllowList parse(List<String> entries) {
        List<Cidr> ranges = new ArrayList<>();
        List<HostPort> targets = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Cidr cidr = Cidr.parseOrNull(entry);
            if (cidr != null) {
                ranges.add(cidr);
                continue;
            }
            targets.add(hostPort(entry));
        }
        return new EgressAllowList(List.copyOf(ranges), List.copyOf(targets));
    }

    public boolean isEmpty() {
        return ranges.isEmpty() && targets.isEmpty();
    }

    /** Whether a call to {@code host} (as the URL writes it) on {@code port}, at {@code address}, is allowed. */
    public boolean allows(String host, int port, InetAddress address) {
        InetAddress unwrapped = AddressClassifier.unwrap(address);
        if (ranges.stream().anyMatch(r -> r.contains(address) || r.contains(unwrapped))) {
            return true;
        }
        String name = normalise(host);
        return targets.stream().anyMatch(t -> t.port() == port && (t.address() != null
                ? t.address().equals(address) || t.address().equals(unwrapped)
                : t.host().equals(name)));
    }

    private static HostPort hostPort(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("vigil.actuator.egress.allow: '" + entry
                    + "' is neither a CIDR range nor host:port");
        }
        String host = entry.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vigil.actuator.egress.allow: '" + entry + "' has no numeric port", e);
        }
        Optional<InetAddress> literal = HostLiterals.parse(host);
        return new HostPort(normalise(host), literal.orElse(null), port);
    }

    private static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
