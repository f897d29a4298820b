package dev.vigil.actuator.delivery;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One outgoing HTTP request.
 *
 * @param secretUrl     whether the URL itself is a secret (a Slack or webhook block URL): logs then show its host only
 * @param signingSecret when set, each attempt is signed with Standard Webhooks headers
 */
public record HttpCall(String method, String url, Map<String, String> headers, String body, boolean secretUrl,
                       String signingSecret) {

    public HttpCall {
        headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    public static HttpCall json(String method, String url, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return new HttpCall(method, url, all, body, false, null);
    }

    /** Never shows headers, body or secret: they may hold credentials. */
    @Override
    public String toString() {
        return "HttpCall[" + summary() + "]";
    }

    /** What the delivery log shows of the request: method and URL, the URL cut to its origin when secret. */
    public String summary() {
        if (!secretUrl) {
            return method + " " + url;
        }
        try {
            URI uri = URI.create(url);
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return method + " " + uri.getScheme() + "://" + uri.getHost() + port + "/***";
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
