package dev.vigil.bench;

import dev.vigil.model.event.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts batches of {@value #BATCH} events at a fixed rate for a while, at most {@code inFlight}
 * requests at once, and records when the ingest answered 2xx for each event.
 */
final class LoadStep {

    static final int BATCH = 100;

    private final VigilClient client;
    private final Workload workload;
    private final Semaphore inFlight;
    private final List<ReceivedEvent> sent;
    private final Map<UUID, Long> acceptedAt;
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    /** Batches that left late because every in-flight slot was taken: the client could not keep up. */
    final AtomicLong late = new AtomicLong();

    LoadStep(VigilClient client, Workload workload, int inFlight, List<ReceivedEvent> sent,
             Map<UUID, Long> acceptedAt) {
        this.client = client;
        this.workload = workload;
        this.inFlight = new Semaphore(inFlight);
        this.sent = sent;
        this.acceptedAt = acceptedAt;
    }

    /** Runs one step; returns the events per second actually offered. */
    double run(int rate, Duration duration) throws InterruptedException {
        long interval = TimeUnit.SECONDS.toNanos(1) * BATCH / rate;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long next = start;
        long offered = 0;
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                late.incrementAndGet();
                inFlight.acquire();
            }
            List<ReceivedEvent> batch = workload.batch(BATCH);
            sent.addAll(batch);
            offered += batch.size();
            client.postEvents(batch).whenComplete((status, failure) -> {
                inFlight.release();
                if (failure == null && status / 100 == 2) {
                    long now = System.nanoTime();
                    batch.forEach(event -> acceptedAt.put(event.id(), now));
                    accepted.addAndGet(batch.size());
                } else {
                    refused.addAndGet(batch.size());
                }
            });
            next += interval;
        }
        return offered / ((System.nanoTime() - start) / 1e9);
    }

    static Map<UUID, Long> newAcceptedMap() {
        return new ConcurrentHashMap<>();
    }
}
