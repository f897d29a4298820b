package dev.vigil.actuator.webhook;

import java.util.Map;

/** One outgoing webhook call. */
public record WebhookRequest(String method, String url, Map<String, String> headers, String body,
                             String idempotencyKey) {
}
