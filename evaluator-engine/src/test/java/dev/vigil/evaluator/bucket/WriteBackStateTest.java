package dev.vigil.evaluator.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WriteBackStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final BucketKey KEY = new BucketKey(new UUID(0, 0), new UUID(0, 1), new UUID(0, 2), List.of("r"));
    private static final CompositeKey COMPOSITE = new CompositeKey(new UUID(0, 0), new UUID(0, 1), new UUID(0, 3));

    private final InMemoryEngineState behind = new InMemoryEngineState();
    private final WriteBackState state = new WriteBackState(behind);

    private static Bucket counted(int count) {
        return new Bucket(T0, T0.plusSeconds(10), count, null);
    }

    @Test
    void changesReachTheStateBehindOnlyOnFlushAndOnlyTheLastOne() {
        behind.save(KEY, counted(1));

        state.save(KEY, counted(2));
        state.save(KEY, counted(3));

        assertThat(state.find(KEY)).contains(counted(3));
        assertThat(behind.find(KEY)).contains(counted(1));
        state.flush();
        assertThat(behind.find(KEY)).contains(counted(3));
    }

    @Test
    void deletionsAndCompositesReachTheStateBehindOnFlush() {
        behind.save(KEY, counted(1));
        Map<UUID, dev.vigil.model.firing.Firing> none = Map.of();

        state.delete(KEY);
        state.saveChildFirings(COMPOSITE, none);
        state.flush();

        assertThat(state.find(KEY)).isEmpty();
        assertThat(behind.find(KEY)).isEmpty();
        assertThat(behind.childFirings(COMPOSITE)).isEmpty();
    }

    @Test
    void timersGoStraightThrough() {
        state.arm(KEY, T0.plusSeconds(10));

        assertThat(behind.due(T0.plusSeconds(10))).extracting(TimerStore.DueTimer::key).containsExactly(KEY);
    }
}
