package dev.vigil.support.limit;

/**
 * A token bucket: {@code perSecond} tokens a second up to {@code burst}. Taking is a few arithmetic
 * operations under the bucket's own lock, so it costs well under a microsecond per request.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, double burst, long now) {
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /**
     * Takes {@code permits} tokens if they are there; else takes nothing and answers how many nanoseconds
     * until they would be. A request larger than the burst passes when the bucket is full, and empties it.
     */
    synchronized long tryTake(double permits, long now) {
        refill(now);
        double needed = Math.min(permits, burst);
        if (tokens >= needed) {
            tokens -= needed;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((needed - tokens) / perNano));
    }

    /** Full again: nothing was taken for long enough that keeping it changes nothing. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= burst;
    }

    private void refill(long now) {
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            last = now;
        }
    }
}
