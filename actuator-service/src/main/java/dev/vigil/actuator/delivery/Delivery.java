package dev.vigil.actuator.delivery;

import java.util.UUID;

/**
 * One run of one action message: the execution it is logged under, and the key forwarded as
 * {@code Idempotency-Key} on every attempt of every call.
 *
 * @param generation   0 for the first run, n for the n-th redelivery of a dead letter
 * @param slot         the running slot the action holds, given up while it waits
 * @param firstAttempt the number of this run's first attempt: 1, or the attempt a parked retry resumes at
 * @param parksRetries true when a retryable failure with attempts left ends the run with {@link RetryLater} (the
 *                     consumer's and the retry poller's runs); false when the backoff is waited out in place (a
 *                     redelivery through the API, a test)
 * @param traceparent  the W3C trace context every call of the action carries, null for none
 */
public record Delivery(UUID executionId, UUID workspaceId, String actionType, String idempotencyKey,
                       int generation, RunSlot slot, int firstAttempt, boolean parksRetries, String traceparent) {

    /** A delivery from attempt 1 that waits its backoffs out in place and continues no trace. */
    public Delivery(UUID executionId, UUID workspaceId, String actionType, String idempotencyKey, int generation,
                    RunSlot slot) {
        this(executionId, workspaceId, actionType, idempotencyKey, generation, slot, 1, false, null);
    }

    /** A delivery that holds no bounded slot. */
    public Delivery(UUID executionId, UUID workspaceId, String actionType, String idempotencyKey, int generation) {
        this(executionId, workspaceId, actionType, idempotencyKey, generation, RunSlot.NONE);
    }
}
