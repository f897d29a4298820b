package dev.vigil.support.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstPassesThenTheRateHoldsAndRetryAfterSaysWhen() {
        RateLimiter limiter = new RateLimiter("vigil.limits.test", 2, 4, now::get);
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryAcquire("w", 1)).isNull();
        }
        RateLimited refused = limiter.tryAcquire("w", 1);
        assertThat(refused).isNotNull();
        assertThat(refused.limit()).isEqualTo("vigil.limits.test");
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.body()).containsEntry("limit", "vigil.limits.test").containsKey("detail");
        assertThat(limiter.tryAcquire("other", 1)).as("keys are independent").isNull();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(limiter.tryAcquire("w", 1)).isNull();
        assertThat(limiter.tryAcquire("w", 1)).isNotNull();
    }

    @Test
    void manyPermitsAtOnceWaitLongerAndALargerRequestThanTheBurstPassesOnAFullBucket() {
        RateLimiter limiter = new RateLimiter("vigil.limits.test", 10, 10, now::get);
        assertThat(limiter.tryAcquire("w", 100)).isNull();
        RateLimited refused = limiter.tryAcquire("w", 10);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(limiter.tryAcquire("w", 10).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void zeroTurnsTheLimitOff() {
        RateLimiter limiter = new RateLimiter("vigil.limits.test", 0, 0, now::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire("w", 1000)).isNull();
        }
        assertThat(limiter.keys()).isZero();
    }

    @Test
    void aTakeCostsWellUnderAMicrosecond() {
        RateLimiter limiter = new RateLimiter("vigil.limits.test", 1e12, 1e12);
        String[] keys = new String[8];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = java.util.UUID.randomUUID().toString();
        }
        int rounds = 2_000_000;
        for (int i = 0; i < rounds; i++) {
            limiter.tryAcquire(keys[i & 7], 1);
        }
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            limiter.tryAcquire(keys[i & 7], 1);
        }
        double nanos = (System.nanoTime() - started) / (double) rounds;
        System.out.printf("rate-limiter: %.0f ns per take (8 keys, one thread)%n", nanos);
    }
}
