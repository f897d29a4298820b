package dev.vigil.evaluator.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryEngineStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryEngineState state = new InMemoryEngineState();

    private static BucketKey key(String value) {
        return new BucketKey(new UUID(0, 0), new UUID(0, 1), new UUID(0, 2), List.of(value));
    }

    private static Bucket endingAt(long seconds) {
        return new Bucket(T0, T0.plusSeconds(seconds), 1, null);
    }

    @Test
    void sweepForgetsBucketsWhoseWindowEndedBeforeTheCutoff() {
        state.save(key("old"), endingAt(10));
        state.save(key("new"), endingAt(100));

        state.sweepEndedBefore(T0.plusSeconds(50));

        assertThat(state.find(key("old"))).isEmpty();
        assertThat(state.find(key("new"))).isPresent();
    }

    @Test
    void sweepKeepsBucketsWhoseWindowMovedOnAndBucketsATimerWatches() {
        state.save(key("moved"), endingAt(10));
        state.save(key("moved"), endingAt(100));
        state.save(key("watched"), endingAt(10));
        state.arm(key("watched"), T0.plusSeconds(10));

        state.sweepEndedBefore(T0.plusSeconds(50));
        state.sweepEndedBefore(T0.plusSeconds(60));

        assertThat(state.find(key("moved"))).contains(endingAt(100));
        assertThat(state.find(key("watched"))).isPresent();
        state.sweepEndedBefore(T0.plusSeconds(200));
        assertThat(state.find(key("moved"))).isEmpty();
    }
}
