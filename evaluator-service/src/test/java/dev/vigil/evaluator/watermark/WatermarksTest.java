package dev.vigil.evaluator.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.watermark.EvaluationProgress.Progress;
import dev.vigil.evaluator.watermark.Watermarks.Combined;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatermarksTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant LAST_RECEIVED = NOW.minusSeconds(30);
    private static final Duration MAX_HOLD = Duration.ofMinutes(3);
    private static final Duration NONE = Duration.ZERO;

    @Test
    void aCaughtUpPartitionVouchesForEverythingReceivedBeforeTheCheck() {
        Progress evaluatedUpTo10 = new Progress(10, LAST_RECEIVED);
        assertThat(Watermarks.ofPartition(evaluatedUpTo10, 10, OptionalLong.of(0), NOW, NONE)).contains(NOW);
    }

    @Test
    void aQuietPartitionIsCaughtUpThoughNothingWasEvaluatedSinceItWasAssigned() {
        Progress assignedAt10 = new Progress(10, null);
        assertThat(Watermarks.ofPartition(assignedAt10, 10, OptionalLong.of(0), NOW, NONE)).contains(NOW);
    }

    @Test
    void recordsFetchedButNotYetEvaluatedHoldThePartitionAtItsLastEvaluatedEvent() {
        Progress evaluatedUpTo8 = new Progress(8, LAST_RECEIVED);
        assertThat(Watermarks.ofPartition(evaluatedUpTo8, 10, OptionalLong.of(0), NOW, NONE)).contains(LAST_RECEIVED);
    }

    @Test
    void lagAtTheBrokerHoldsThePartitionAtItsLastEvaluatedEvent() {
        Progress evaluatedUpTo10 = new Progress(10, LAST_RECEIVED);
        assertThat(Watermarks.ofPartition(evaluatedUpTo10, 10, OptionalLong.of(5), NOW, NONE)).contains(LAST_RECEIVED);
        assertThat(Watermarks.ofPartition(evaluatedUpTo10, 10, OptionalLong.empty(), NOW, NONE)).contains(LAST_RECEIVED);
    }

    @Test
    void aLaggingPartitionWithNothingEvaluatedHereYetPublishesNothingSoItsLastValueHolds() {
        assertThat(Watermarks.ofPartition(new Progress(10, null), 12, OptionalLong.of(3), NOW, NONE)).isEmpty();
        assertThat(Watermarks.ofPartition(null, 10, OptionalLong.of(0), NOW, NONE)).isEmpty();
    }

    @Test
    void eventsStillOnTheirWayToTheBrokerKeepTheWatermarkThatFarBehind() {
        Duration inFlight = Duration.ofMillis(100);
        Progress evaluatedUpTo10 = new Progress(10, LAST_RECEIVED);
        assertThat(Watermarks.ofPartition(evaluatedUpTo10, 10, OptionalLong.of(0), NOW, inFlight))
                .contains(NOW.minus(inFlight));
        assertThat(Watermarks.ofPartition(evaluatedUpTo10, 12, OptionalLong.of(0), NOW, inFlight))
                .contains(LAST_RECEIVED.minus(inFlight));
    }

    @Test
    void evaluationMovesTheProgressForwardOnly() {
        Progress progress = new Progress(10, LAST_RECEIVED).after(12, NOW).after(11, LAST_RECEIVED);
        assertThat(progress).isEqualTo(new Progress(13, NOW));
    }

    @Test
    void theLeastPartitionWatermarkWinsAndNeverRunsAheadOfNow() {
        Combined combined = Watermarks.combine(Map.of(0, NOW.minusSeconds(5), 1, NOW.minusSeconds(2)), 2, NOW,
                MAX_HOLD);
        assertThat(combined).isEqualTo(new Combined(NOW.minusSeconds(5), 0, false, false));

        Combined allCaughtUp = Watermarks.combine(Map.of(0, NOW.minusMillis(3), 1, NOW.plusMillis(1)), 2, NOW,
                MAX_HOLD);
        assertThat(allCaughtUp.upTo()).isEqualTo(NOW.minusMillis(3));
        assertThat(Watermarks.combine(Map.of(0, NOW.plusSeconds(1)), 1, NOW, MAX_HOLD).upTo()).isEqualTo(NOW);
    }

    @Test
    void aPartitionNobodyPublishedHoldsTimersUpToMaxHold() {
        Combined combined = Watermarks.combine(Map.of(0, NOW), 2, NOW, MAX_HOLD);
        assertThat(combined).isEqualTo(new Combined(NOW.minus(MAX_HOLD), 1, true, true));
        assertThat(Watermarks.combine(Map.of(), 0, NOW, MAX_HOLD).bounded()).isTrue();
    }

    @Test
    void aPartitionPublishedBeyondTheKnownCountStillCounts() {
        Combined combined = Watermarks.combine(Map.of(0, NOW, 1, NOW, 2, NOW.minusSeconds(9)), 1, NOW, MAX_HOLD);
        assertThat(combined.upTo()).isEqualTo(NOW.minusSeconds(9));
    }

    @Test
    void maxHoldBoundsAStuckPartition() {
        Combined combined = Watermarks.combine(Map.of(0, NOW, 1, NOW.minus(Duration.ofHours(1))), 2, NOW, MAX_HOLD);
        assertThat(combined).isEqualTo(new Combined(NOW.minus(MAX_HOLD), 1, true, false));
        Combined justWithin = Watermarks.combine(Map.of(0, NOW.minus(MAX_HOLD).plusMillis(1)), 1, NOW, MAX_HOLD);
        assertThat(justWithin.bounded()).isFalse();
    }
}
