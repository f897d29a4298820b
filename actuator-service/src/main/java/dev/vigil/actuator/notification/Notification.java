package dev.vigil.actuator.notification;

import java.util.Map;
import java.util.UUID;

/**
 * One rendered notification: what every notifier sends.
 *
 * @param automationName the automation that sent it, for email layouts and PagerDuty's source context
 * @param idempotencyKey the action's key; PagerDuty deduplicates on it, email carries it as a header
 * @param causalHeaders  the firing's signed causal chain, sent with every HTTP notification (the loop guard)
 */
public record Notification(String subject, String body, UUID automationId, String automationName,
                           String idempotencyKey, Map<String, String> causalHeaders) {

    public Notification {
        causalHeaders = causalHeaders == null ? Map.of() : Map.copyOf(causalHeaders);
    }
}
