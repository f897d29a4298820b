package dev.vigil.actuator.delivery;

import java.util.UUID;

/**
 * One run of one action message: the execution it is logged under, and the key forwarded as
 * {@code Idempotency-Key} on every attempt of every call.
 *
 * @param generation 0 for the first run, n for the n-th redelivery of a dead letter
 */
public record Delivery(UUID executionId, UUID workspaceId, String actionType, String idempotencyKey,
                       int generation) {
}
