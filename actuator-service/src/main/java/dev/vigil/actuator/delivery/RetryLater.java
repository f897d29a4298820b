package dev.vigil.actuator.delivery;

import java.time.Duration;

/**
 * An attempt failed retryably and attempts are left: the action is to be parked (the delivery log's retry queue)
 * and tried again from attempt {@code nextAttempt} after {@code delay}, instead of waiting in memory while it holds
 * its message. Only a {@link Delivery} that {@link Delivery#parksRetries() parks retries} gets it.
 */
public final class RetryLater extends RuntimeException {

    private final int nextAttempt;
    private final transient Duration delay;
    private final String target;

    /** {@code target}: the host and port the failed attempt was for, or null when the action calls none. */
    public RetryLater(int nextAttempt, Duration delay, String reason, String target) {
        super(reason, null, false, false);
        this.nextAttempt = nextAttempt;
        this.delay = delay;
        this.target = target;
    }

    public int nextAttempt() {
        return nextAttempt;
    }

    public Duration delay() {
        return delay;
    }

    public String target() {
        return target;
    }
}
