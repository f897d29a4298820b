package dev.vigil.actuator.egress;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The parts of an outgoing call's URL the client connects with. Only absolute {@code http}/{@code https}
 * URLs without user info: {@code http://x@127.0.0.1/} hides the real host from a reader, and credentials
 * belong in a header. Messages never repeat the URL (it may carry a token in its path or query).
 *
 * @param host          as the URL writes it (an IPv6 literal in brackets): the Host header and TLS name
 * @param pathAndQuery  the request target, {@code /} at least
 */
public record TargetUrl(boolean https, String host, int port, String pathAndQuery) {

    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    /** The URL's parts; {@link EgressRefusedException} when it is not one Vigil calls. */
    public static TargetUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new EgressRefusedException("no URL");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new EgressRefusedException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new EgressRefusedException("not an absolute http(s) URL");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new EgressRefusedException("URL must not carry user info (credentials); send them in a header");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new EgressRefusedException("URL has no valid host");
        }
        if (HostLiterals.isMalformedNumeric(host)) {
            throw new EgressRefusedException("URL host is a malformed IP address");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() < 0 ? (https ? HTTPS_PORT : HTTP_PORT) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new TargetUrl(https, host, port, path + query);
    }

    /** Never the path or query, which may hold a token. */
    @Override
    public String toString() {
        return (https ? "https" : "http") + "://" + host + ":" + port;
    }
}
