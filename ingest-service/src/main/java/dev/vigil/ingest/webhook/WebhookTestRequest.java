package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * Body of {@code POST /api/webhooks/{id}/test}: exactly one of {@code request_id} (a stored request
 * of the webhook's history) or {@code request}; {@code template} is the draft to try (the
 * webhook's own when absent).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookTestRequest(String template, String requestId, Supplied request) {

    /**
     * A request to render: {@code body} is the raw text, or any JSON value (sent as JSON, with
     * {@code Content-Type: application/json} unless the headers say otherwise). {@code method}
     * defaults to POST.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Supplied(String method, Map<String, String> headers, Map<String, String> query, JsonNode body) {
    }
}
