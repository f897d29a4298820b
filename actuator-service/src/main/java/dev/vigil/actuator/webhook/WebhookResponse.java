package dev.vigil.actuator.webhook;

/** What the target answered: its status and the start of its body. */
public record WebhookResponse(int statusCode, String bodyExcerpt) {

    private static final int SUCCESS_MIN = 200;
    private static final int SUCCESS_MAX = 299;

    /** Any 2xx counts as success (Prefect once treated 202 as a failure, PrefectHQ/prefect#6884). */
    public boolean successful() {
        return statusCode >= SUCCESS_MIN && statusCode <= SUCCESS_MAX;
    }
}
