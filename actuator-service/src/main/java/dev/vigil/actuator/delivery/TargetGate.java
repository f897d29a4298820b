package dev.vigil.actuator.delivery;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.support.vertx.VertxDelay;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Protects each target (host and port): at most {@code maxConcurrency} calls in flight to it, and,
 * for hosts with a rate limit, calls spaced to that rate. Excess calls wait (without blocking a
 * thread, and away from the action's running slot); none is dropped. A slow target only queues its own
 * calls.
 */
@ApplicationScoped
public class TargetGate {

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final ActuatorConfig.Targets config;
    private final Vertx vertx;

    public TargetGate(ActuatorConfig config, Vertx vertx) {
        this.config = config.targets();
        this.vertx = vertx;
    }

    public <T> Uni<T> through(String target, Supplier<Uni<T>> call) {
        return through(target, RunSlot.NONE, call);
    }

    /** {@link #through(String, Supplier)} for an action holding {@code slot}: gives it up while it queues. */
    public <T> Uni<T> through(String target, RunSlot slot, Supplier<Uni<T>> call) {
        Lane lane = lanes.computeIfAbsent(target, this::lane);
        return Uni.createFrom().deferred(() -> lane.tryAcquire() ? Uni.createFrom().voidItem()
                        : slot.awayDuring(lane.acquire()))
                .chain(() -> lane.paced(slot))
                .chain(() -> Uni.createFrom().<T>deferred(call::get).eventually(lane::release));
    }

    /** Calls currently in flight to a target (for tests and metrics). */
    public int inFlight(String target) {
        Lane lane = lanes.get(target);
        return lane == null ? 0 : lane.inFlight();
    }

    private Lane lane(String target) {
        String host = target.contains(":") ? target.substring(0, target.lastIndexOf(':')) : target;
        ActuatorConfig.RateLimit limit = config.rateLimits().get(host);
        return new Lane(config.maxConcurrency(), limit);
    }

    private final class Lane {

        private final int maxConcurrency;
        private final long intervalNanos;
        private final long burstToleranceNanos;
        private final Deque<Runnable> waiting = new ArrayDeque<>();
        private int inFlight;
        /** Theoretical arrival time of the next call (the generic cell rate algorithm). */
        private long nextAt = System.nanoTime();

        Lane(int maxConcurrency, ActuatorConfig.RateLimit limit) {
            this.maxConcurrency = maxConcurrency;
            this.intervalNanos = limit == null ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / limit.perSecond());
            this.burstToleranceNanos = limit == null ? 0 : intervalNanos * Math.max(0, limit.burst() - 1);
        }

        /** Takes a place at once if one is free, without queueing. */
        synchronized boolean tryAcquire() {
            if (inFlight < maxConcurrency && waiting.isEmpty()) {
                inFlight++;
                return true;
            }
            return false;
        }

        Uni<Void> acquire() {
            return Uni.createFrom().emitter(emitter -> {
                synchronized (this) {
                    if (inFlight < maxConcurrency) {
                        inFlight++;
                    } else {
                        waiting.add(() -> emitter.complete(null));
                        return;
                    }
                }
                emitter.complete(null);
            });
        }

        void release() {
            Runnable next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    inFlight--;
                }
            }
            if (next != null) {
                next.run();
            }
        }

        synchronized int inFlight() {
            return inFlight;
        }

        Uni<Void> paced(RunSlot slot) {
            if (intervalNanos == 0) {
                return Uni.createFrom().voidItem();
            }
            long delayNanos;
            synchronized (this) {
                long now = System.nanoTime();
                long at = Math.max(nextAt, now);
                delayNanos = Math.max(0, at - burstToleranceNanos - now);
                nextAt = at + intervalNanos;
            }
            long delayMs = TimeUnit.NANOSECONDS.toMillis(delayNanos);
            if (delayMs <= 0) {
                return Uni.createFrom().voidItem();
            }
            return slot.awayDuring(VertxDelay.of(vertx, delayMs));
        }
    }
}
