package dev.vigil.actuator.delivery;

import java.util.function.LongSupplier;

/**
 * The circuit breaker of one target. Closed, every call goes through; after {@code threshold}
 * consecutive retryable failures it opens, and calls are refused for {@code cooldownNanos}. Then one
 * probe call goes through (half-open, the others still refused): its success closes the circuit, its
 * failure opens it for another cooldown. Any answer that is not a retryable failure (a success, a 4xx)
 * shows the target is alive and closes it. Thread-safe; pure, with the clock passed in.
 */
public final class TargetCircuit {

    /** What one call may do. */
    public enum Pass {
        /** Go to the network. */
        CALL,
        /** Go to the network as the one probe of a half-open circuit. */
        PROBE,
        /** Do not: the circuit is open. */
        REFUSED
    }

    private enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long cooldownNanos;
    private final LongSupplier clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openUntil;

    public TargetCircuit(int threshold, long cooldownNanos, LongSupplier clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1, was " + threshold);
        }
        this.threshold = threshold;
        this.cooldownNanos = cooldownNanos;
        this.clock = clock;
    }

    /** Whether a call would be refused now; changes nothing (a check before queueing for the target). */
    public synchronized boolean refusing() {
        return state == State.HALF_OPEN || state == State.OPEN && clock.getAsLong() - openUntil < 0;
    }

    /** Admits one call, or refuses it; the first call after the cooldown becomes the probe. */
    public synchronized Pass admit() {
        switch (state) {
            case CLOSED:
                return Pass.CALL;
            case OPEN:
                if (clock.getAsLong() - openUntil < 0) {
                    return Pass.REFUSED;
                }
                state = State.HALF_OPEN;
                return Pass.PROBE;
            default:
                return Pass.REFUSED;
        }
    }

    /** The target answered with something other than a retryable failure. */
    public synchronized void succeeded() {
        state = State.CLOSED;
        consecutiveFailures = 0;
    }

    /** A call admitted as {@code pass} failed in a retryable way (no answer, timeout, 5xx, 429). */
    public synchronized void failed(Pass pass) {
        consecutiveFailures++;
        if (pass == Pass.PROBE || state == State.CLOSED && consecutiveFailures >= threshold) {
            open();
        }
    }

    /** A call admitted as {@code pass} ended with no outcome (cancelled): a probe's turn goes to the next call. */
    public synchronized void abandoned(Pass pass) {
        if (pass == Pass.PROBE && state == State.HALF_OPEN) {
            state = State.OPEN;
        }
    }

    /** Why calls are refused, for the delivery log. */
    public synchronized String refusal() {
        return "circuit open after " + consecutiveFailures + " consecutive failures";
    }

    /** Open or half-open (for tests and metrics). */
    public synchronized boolean isOpen() {
        return state != State.CLOSED;
    }

    private void open() {
        state = State.OPEN;
        openUntil = clock.getAsLong() + cooldownNanos;
    }
}
