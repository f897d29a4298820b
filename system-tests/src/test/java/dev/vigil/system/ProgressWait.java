package dev.vigil.system;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Waits for a goal while work makes progress: it fails when a progress count stops growing for {@code stall}, not
 * when a busy machine is merely slower than a fixed budget. A cap still bounds the whole wait.
 */
final class ProgressWait {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final String what;
    private final Duration stall;
    private final Duration cap;

    ProgressWait(String what, Duration stall, Duration cap) {
        this.what = what;
        this.stall = stall;
        this.cap = cap;
    }

    /** Returns once {@code progress} reaches {@code goal}. */
    void until(Callable<Long> progress, long goal) throws Exception {
        Instant start = Instant.now();
        Instant lastMove = start;
        long last = -1;
        while (true) {
            long now = progress.call();
            if (now >= goal) {
                return;
            }
            Instant at = Instant.now();
            if (now > last) {
                last = now;
                lastMove = at;
            }
            if (Duration.between(lastMove, at).compareTo(stall) > 0) {
                fail("%s: stuck at %d of %d, no progress for %s", what, now, goal, stall);
            }
            if (Duration.between(start, at).compareTo(cap) > 0) {
                fail("%s: %d of %d after %s, still moving but past the cap", what, now, goal, cap);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
