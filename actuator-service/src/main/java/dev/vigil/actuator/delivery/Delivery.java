package dev.vigil.actuator.delivery;

import java.util.UUID;

/**
 * One run of one action message: the execution it is logged under, and the key forwarded as
 * {@code Idempotency-Key} on every attempt of every call.
 *
 * @param generation 0 for the first run, n for the n-th redelivery of a dead letter
 * @param slot       the running slot the action holds, given up while it waits
 * @param traceparent the W3C trace context every call of the action carries, null for none
 */
public record Delivery(UUID executionId, UUID workspaceId, String actionType, String idempotencyKey,
                       int generation, RunSlot slot, String traceparent) {

    /** A delivery that continues no trace. */
    public Delivery(UUID executionId, UUID workspaceId, String actionType, String idempotencyKey, int generation,
                    RunSlot slot) {
        this(executionId, workspaceId, actionType, idempotencyKey, generation, slot, null);
    }

    /** A delivery that holds no bounded slot. */
    public Delivery(UUID executionId, UUID workspaceId, String actionType, String idempotencyKey, int generation) {
        this(executionId, workspaceId, actionType, idempotencyKey, generation, RunSlot.NONE);
    }
}
