package dev.vigil.system;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of {@code gateway/vigil.conf.template}: which service a path reaches, chosen the way
 * nginx chooses a location (exact match; else the longest prefix if {@code ^~}; else the first
 * matching regex in file order; else the longest prefix). Empty when the gateway answers itself.
 */
final class GatewayRoutes {

    private static final Pattern UPSTREAM_VARIABLE = Pattern.compile("\\$\\{VIGIL_([A-Z]+)_UPSTREAM}");
    private static final String PROXY_PASS_SCHEME = "http://";

    private record Location(String modifier, String pattern, Optional<VigilService> target) {

        boolean isRegex() {
            return modifier.equals("~") || modifier.equals("~*");
        }

        boolean isPrefix() {
            return modifier.isEmpty() || modifier.equals("^~");
        }

        boolean regexMatches(String path) {
            int flags = modifier.equals("~*") ? Pattern.CASE_INSENSITIVE : 0;
            return Pattern.compile(pattern, flags).matcher(path).find();
        }
    }

    private final List<Location> locations;
    private final Map<VigilService, String> upstreamVariables;

    private GatewayRoutes(List<Location> locations, Map<VigilService, String> upstreamVariables) {
        this.locations = locations;
        this.upstreamVariables = upstreamVariables;
    }

    static GatewayRoutes parse(String template) {
        NginxConfig root = NginxConfig.parse(template);
        Map<String, VigilService> upstreams = new HashMap<>();
        Map<VigilService, String> variables = new EnumMap<>(VigilService.class);
        for (NginxConfig upstream : root.children("upstream")) {
            String server = upstream.child("server").orElseThrow(() -> new IllegalArgumentException(
                    "upstream " + upstream.args() + " has no server")).args().get(0);
            Matcher variable = UPSTREAM_VARIABLE.matcher(server);
            if (!variable.matches()) {
                throw new IllegalArgumentException("upstream " + upstream.args()
                        + " is not ${VIGIL_<SERVICE>_UPSTREAM}: " + server);
            }
            VigilService service = VigilService.valueOf(variable.group(1));
            upstreams.put(upstream.args().get(0), service);
            variables.put(service, server.substring(2, server.length() - 1));
        }
        NginxConfig server = root.child("server").orElseThrow(() -> new IllegalArgumentException("no server block"));
        List<Location> locations = server.children("location").stream()
                .filter(location -> !location.args().get(0).startsWith("@"))
                .map(location -> toLocation(location, upstreams))
                .toList();
        return new GatewayRoutes(locations, variables);
    }

    /** The service nginx proxies {@code path} to; empty when the gateway answers itself. */
    Optional<VigilService> route(String path) {
        Optional<Location> exact = locations.stream()
                .filter(l -> l.modifier().equals("=") && l.pattern().equals(path)).findFirst();
        if (exact.isPresent()) {
            return exact.get().target();
        }
        Optional<Location> longestPrefix = locations.stream()
                .filter(l -> l.isPrefix() && path.startsWith(l.pattern()))
                .max(Comparator.comparingInt(l -> l.pattern().length()));
        if (longestPrefix.isPresent() && longestPrefix.get().modifier().equals("^~")) {
            return longestPrefix.get().target();
        }
        return locations.stream().filter(l -> l.isRegex() && l.regexMatches(path)).findFirst()
                .or(() -> longestPrefix)
                .flatMap(Location::target);
    }

    /** The pattern of every location that proxies to a service ({@code ^/hooks/}, ...), in file order. */
    Map<String, VigilService> proxiedLocations() {
        Map<String, VigilService> proxied = new LinkedHashMap<>();
        locations.forEach(location -> location.target().ifPresent(service -> proxied.put(location.pattern(), service)));
        return proxied;
    }

    /** The variable the template's upstream of each service is filled from: {@code VIGIL_INGEST_UPSTREAM}, ... */
    Map<VigilService, String> upstreamVariables() {
        return Map.copyOf(upstreamVariables);
    }

    private static Location toLocation(NginxConfig location, Map<String, VigilService> upstreams) {
        List<String> args = location.args();
        String modifier = args.size() == 2 ? args.get(0) : "";
        String pattern = args.get(args.size() - 1);
        Optional<VigilService> target = location.child("proxy_pass").map(proxyPass -> {
            String url = proxyPass.args().get(0);
            String upstream = url.startsWith(PROXY_PASS_SCHEME) ? url.substring(PROXY_PASS_SCHEME.length()) : url;
            if (!upstreams.containsKey(upstream)) {
                throw new IllegalArgumentException("location " + pattern + " proxies to an unknown upstream: " + url);
            }
            return upstreams.get(upstream);
        });
        return new Location(modifier, pattern, target);
    }
}
