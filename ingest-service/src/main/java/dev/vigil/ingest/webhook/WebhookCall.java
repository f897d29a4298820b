package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One stored request of a webhook, as {@code GET /api/webhooks/{id}/requests} shows it: the request
 * with credentials redacted, the status it was answered with, and the events it became (null when
 * it failed) or the error (null when it succeeded).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "received", "method", "headers", "query", "body", "body_truncated", "status_code",
        "events", "error"})
public record WebhookCall(UUID id, OffsetDateTime received, String method, Map<String, String> headers,
        Map<String, String> query, String body, boolean bodyTruncated, int statusCode, JsonNode events,
        String error) {
}
