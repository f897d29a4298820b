package dev.vigil.actuator.action;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The actions in flight, for a graceful shutdown: once {@link #close} is called no action enters any more, and
 * close waits until those in flight are over, at most for the time it is given.
 */
final class ShutdownDrain {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private volatile boolean closed;

    /** Whether an action may start; if so, {@link #exit()} must follow when it is over. */
    boolean enter() {
        if (closed) {
            return false;
        }
        inFlight.incrementAndGet();
        if (closed) { // closed meanwhile: close may already be waiting for this one
            exit();
            return false;
        }
        return true;
    }

    void exit() {
        if (inFlight.decrementAndGet() == 0 && closed) {
            idle.complete(null);
        }
    }

    /** Lets no more actions in and waits up to {@code max} for those in flight; returns how many are still running. */
    int close(Duration max) {
        closed = true;
        if (inFlight.get() == 0) {
            idle.complete(null);
        }
        try {
            idle.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // reported by the count below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return inFlight.get();
    }

    boolean closed() {
        return closed;
    }
}
