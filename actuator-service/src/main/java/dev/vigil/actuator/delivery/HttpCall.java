package dev.vigil.actuator.delivery;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One outgoing HTTP request.
 *
 * @param secretUrl     whether the URL itself is a secret (a Slack or webhook block URL): logs then show its host only
 * @param signingSecret when set, each attempt is signed with Standard Webhooks headers
 * @param configured    the target is the operator's own configuration (the orchestrator, the evaluator), not a
 *                      user's: it is not held to the egress policy. Every block's URL is a user's.
 */
public record HttpCall(String method, String url, Map<String, String> headers, String body, boolean secretUrl,
                       String signingSecret, boolean configured) {

    public HttpCall {
        headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    /** The same call with these headers instead. */
    public HttpCall withHeaders(Map<String, String> replaced) {
        return new HttpCall(method, url, replaced, body, secretUrl, signingSecret, configured);
    }

    /** A call to a user-configured target, held to the egress policy. */
    public HttpCall(String method, String url, Map<String, String> headers, String body, boolean secretUrl,
                    String signingSecret) {
        this(method, url, headers, body, secretUrl, signingSecret, false);
    }

    /** A JSON call to a target the operator configured (the orchestrator API, the evaluator). */
    public static HttpCall json(String method, String url, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return new HttpCall(method, url, all, body, false, null, true);
    }

    /** Never shows headers, body or secret: they may hold credentials. */
    @Override
    public String toString() {
        return "HttpCall[" + summary() + "]";
    }

    /**
     * What the delivery log shows of the request: method and URL, without user info or query (they may hold
     * credentials), cut to its origin when the whole URL is secret.
     */
    public String summary() {
        try {
            URI uri = URI.create(url);
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String origin = uri.getScheme() + "://" + uri.getHost() + port;
            if (secretUrl) {
                return method + " " + origin + "/***";
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return method + " " + origin + path + (uri.getRawQuery() == null ? "" : "?***");
        } catch (IllegalArgumentException e) {
            return method + " ***";
        }
    }

    /** The host and port, the unit of rate limits and concurrency bounds. */
    public String target() {
        try {
            URI uri = URI.create(url);
            return uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
