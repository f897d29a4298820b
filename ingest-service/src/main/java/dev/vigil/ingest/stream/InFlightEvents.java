package dev.vigil.ingest.stream;

import java.util.concurrent.atomic.AtomicInteger;

/** The events of one connection that are on their way to the broker, bounded. */
final class InFlightEvents {

    private final int limit;
    private final AtomicInteger count = new AtomicInteger();

    InFlightEvents(int limit) {
        this.limit = limit;
    }

    /** Takes a place for one more event, or returns false when all places are taken. */
    boolean tryAcquire() {
        while (true) {
            int current = count.get();
            if (current >= limit) {
                return false;
            }
            if (count.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        count.decrementAndGet();
    }

    int count() {
        return count.get();
    }
}
