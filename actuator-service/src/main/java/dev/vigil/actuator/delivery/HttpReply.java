package dev.vigil.actuator.delivery;

import java.util.Map;

/** What a target answered: its status, headers and body. */
public record HttpReply(int statusCode, Map<String, String> headers, String body) {

    private static final int SUCCESS_MIN = 200;
    private static final int SUCCESS_MAX = 299;

    /** Any 2xx counts as success (Prefect once treated 202 as a failure, PrefectHQ/prefect#6884). */
    public boolean successful() {
        return statusCode >= SUCCESS_MIN && statusCode <= SUCCESS_MAX;
    }

    public String excerpt(int maxChars) {
        if (body == null) {
            return "";
        }
        return body.length() <= maxChars ? body : body.substring(0, maxChars);
    }
}
