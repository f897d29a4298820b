package dev.vigil.support.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One rate limit, a token bucket per key (a workspace, a webhook slug), in this replica's memory. A
 * limit of 0 or less is off. Keys whose bucket is full again are dropped once there are many, so
 * the map stays bounded by the keys active within one refill period.
 */
public final class RateLimiter {

    /** Above this many keys, full buckets are swept out. */
    private static final int SWEEP_ABOVE = 10_000;

    private final String name;
    private final double perSecond;
    private final double burst;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param name      the configuration key of the limit, named in every refusal
     * @param perSecond sustained rate; 0 or less turns the limit off
     * @param burst     most taken at once after a quiet period (at least {@code perSecond})
     */
    public RateLimiter(String name, double perSecond, double burst) {
        this(name, perSecond, burst, System::nanoTime);
    }

    RateLimiter(String name, double perSecond, double burst, LongSupplier clock) {
        this.name = name;
        this.perSecond = perSecond;
        this.burst = Math.max(burst, perSecond);
        this.clock = clock;
    }

    /** Takes {@code permits} for {@code key}: null when allowed, else the refusal to answer with. */
    public RateLimited tryAcquire(String key, int permits) {
        if (perSecond <= 0) {
            return null;
        }
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() > SWEEP_ABOVE) {
                buckets.values().removeIf(b -> b.isFull(now));
            }
            bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now));
        }
        long waitNanos = bucket.tryTake(permits, now);
        if (waitNanos == 0) {
            return null;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        return new RateLimited(name, perSecond, retryAfter);
    }

    public String name() {
        return name;
    }

    int keys() {
        return buckets.size();
    }
}
