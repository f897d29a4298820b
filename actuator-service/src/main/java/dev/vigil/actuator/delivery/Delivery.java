package dev.vigil.actuator.delivery;

import java.util.UUID;

/**
 * One run of one action message: the execution it is logged under, and the key forwarded as
 * {@code Idempotency-Key} on every attempt of every call.
 *
 * @param generation 0 for the first run, n for the n-th redelivery of a dead letter
 * @param slot       the running slot the action holds, given up while it waits
 */
public record Delivery(UUID executionId, UUID workspaceId, String actionType, String idempotencyKey,
                       int generation, RunSlot slot) {

    /** A delivery that holds no bounded slot. */
    public Delivery(UUID executionId, UUID workspaceId, String actionType, String idempotencyKey, int generation) {
        this(executionId, workspaceId, actionType, idempotencyKey, generation, RunSlot.NONE);
    }
}
