package dev.vigil.ingest.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one connection that are on their way to the broker, bounded, in the order they
 * were read. The broker settles them in any order (records of different partitions), so a ring of
 * flags tracks the oldest unsettled one: whatever waits for "every event so far" runs once all
 * events read before it are settled.
 */
final class InFlightEvents {

    /** No place left: the caller must not send the event. */
    static final long FULL = -1;

    private final boolean[] settled;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Events taken so far; the next one gets this number. */
    private long taken;
    /** Every event numbered below this is settled. */
    private long settledBelow;

    InFlightEvents(int limit) {
        this.settled = new boolean[limit];
    }

    /** Takes a place for one more event and answers its number, or {@link #FULL} when all places are taken. */
    synchronized long tryAcquire() {
        if (taken - settledBelow >= settled.length) {
            return FULL;
        }
        return taken++;
    }

    /** The broker acknowledged or refused event {@code number}. */
    void release(long number) {
        List<Runnable> ready = new ArrayList<>();
        synchronized (this) {
            settled[slot(number)] = true;
            while (settledBelow < taken && settled[slot(settledBelow)]) {
                settled[slot(settledBelow)] = false;
                settledBelow++;
            }
            while (!waiters.isEmpty() && waiters.peekFirst().upTo() <= settledBelow) {
                ready.add(waiters.pollFirst().action());
            }
        }
        ready.forEach(Runnable::run);
    }

    /** Runs {@code action} once every event taken so far is settled: now, if they all are. */
    void afterAllSoFar(Runnable action) {
        synchronized (this) {
            if (settledBelow < taken) {
                waiters.addLast(new Waiter(taken, action));
                return;
            }
        }
        action.run();
    }

    synchronized int count() {
        return (int) (taken - settledBelow);
    }

    private int slot(long number) {
        return (int) (number % settled.length);
    }

    private record Waiter(long upTo, Runnable action) {
    }
}
