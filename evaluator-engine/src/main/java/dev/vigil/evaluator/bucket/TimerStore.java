package dev.vigil.evaluator.bucket;

import java.time.Instant;
import java.util.List;

/** Due times of proactive windows: the engine arms one when a window opens and disarms it when the bucket goes. */
public interface TimerStore {

    void arm(BucketKey key, Instant due);

    void disarm(BucketKey key);

    /** Armed timers due at or before {@code upTo}, earliest first. */
    List<DueTimer> due(Instant upTo);

    /** One armed timer. */
    record DueTimer(BucketKey key, Instant due) {
    }
}
