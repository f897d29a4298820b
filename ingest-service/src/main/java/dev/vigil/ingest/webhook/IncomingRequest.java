package dev.vigil.ingest.webhook;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One call to {@code /hooks/{slug}}: method, headers (case-insensitive), query and raw body.
 */
public record IncomingRequest(String method, Map<String, String> headers, Map<String, String> query, byte[] body) {

    private static final Pattern SENSITIVE = Pattern.compile(
            "authorization|cookie|.*(secret|token|signature|api-key|apikey|password).*");
    static final String REDACTED = "[REDACTED]";

    public IncomingRequest {
        Map<String, String> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        insensitive.putAll(headers);
        headers = insensitive;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** Headers as templates see them: lower-case names, without {@code Authorization}. */
    Map<String, String> templateHeaders() {
        Map<String, String> visible = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("authorization")) {
                visible.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        return visible;
    }

    /** Headers safe to store or publish: credentials and signatures replaced. */
    Map<String, String> redactedHeaders() {
        Map<String, String> safe = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            safe.put(lower, SENSITIVE.matcher(lower).matches() ? REDACTED : value);
        });
        return safe;
    }

    /** Query parameters safe to store: those named like credentials ({@code ?token=}, {@code ?api_key=}) replaced. */
    Map<String, String> redactedQuery() {
        Map<String, String> safe = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            String normal = name.toLowerCase(Locale.ROOT).replace('_', '-');
            safe.put(name, SENSITIVE.matcher(normal).matches() ? REDACTED : value);
        });
        return safe;
    }

    /** {@code text} with every occurrence of {@code secret} replaced, so a secret echoed in a body is not kept. */
    static String withoutSecret(String text, String secret) {
        return secret == null || secret.isEmpty() || text == null ? text : text.replace(secret, REDACTED);
    }
}
