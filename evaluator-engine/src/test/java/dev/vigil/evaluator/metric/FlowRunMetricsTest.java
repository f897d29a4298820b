package dev.vigil.evaluator.metric;

import static dev.vigil.evaluator.metric.FlowRunEvents.at;
import static dev.vigil.evaluator.metric.FlowRunEvents.scheduled;
import static dev.vigil.evaluator.metric.FlowRunEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.event.ReceivedEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The arithmetic of the three metrics over a 600 s range. */
class FlowRunMetricsTest {

    private static final Duration RANGE = Duration.ofSeconds(600);

    private static Collection<FlowRun> runs(ReceivedEvent... events) {
        Map<String, FlowRun> runs = new LinkedHashMap<>();
        for (ReceivedEvent event : events) {
            FlowRun run = FlowRun.of(FlowRunObservation.of(event).orElseThrow());
            runs.merge(run.runId(), run, FlowRun::merge);
        }
        return runs.values();
    }

    private static OptionalDouble value(String metric, long now, Collection<FlowRun> runs) {
        return FlowRunMetrics.value(metric, runs, at(now), RANGE);
    }

    @Test
    void successesIsTheShareOfRunsFinishedInTheRangeThatCompleted() {
        Collection<FlowRun> runs = runs(
                state("a", "Running", "RUNNING", 1000), state("a", "Completed", "COMPLETED", 1100),
                state("b", "Running", "RUNNING", 1000), state("b", "Failed", "FAILED", 1200),
                state("c", "Running", "RUNNING", 1000), state("c", "Crashed", "CRASHED", 1300),
                // started long before the range, finished in it: counts
                state("d", "Running", "RUNNING", 100), state("d", "Completed", "COMPLETED", 1400),
                // finished before the range (1500 - 600 = 900): does not count
                state("e", "Completed", "COMPLETED", 800),
                // never finishes: does not count
                state("f", "Running", "RUNNING", 1000));
        assertThat(value("successes", 1500, runs)).hasValue(0.5);
    }

    @Test
    void successesHasNoValueWithoutFinishedRunsAndIgnoresFinishesAfterNow() {
        Collection<FlowRun> runs = runs(state("a", "Running", "RUNNING", 1000),
                state("a", "Failed", "FAILED", 1600));
        assertThat(value("successes", 1500, runs)).isEmpty();
        assertThat(value("successes", 1600, runs)).hasValue(0.0);
    }

    @Test
    void aRunRunningAgainAfterAFailureIsNotFinishedUntilItsNextTerminalState() {
        Collection<FlowRun> runs = runs(state("a", "Running", "RUNNING", 1000), state("a", "Failed", "FAILED", 1100),
                state("a", "AwaitingRetry", "SCHEDULED", 1110), state("a", "Retrying", "RUNNING", 1120),
                state("a", "Completed", "COMPLETED", 1300));
        assertThat(value("successes", 1200, runs)).isEmpty();
        assertThat(value("successes", 1300, runs)).hasValue(1.0);
        // duration runs from the first start, through the retry
        assertThat(value("duration", 1300, runs)).hasValue(300.0);
    }

    @Test
    void durationAveragesFinishedRunsAndTheTimeSoFarOfRunsThatNeverFinish() {
        Collection<FlowRun> runs = runs(
                state("a", "Running", "RUNNING", 1000), state("a", "Completed", "COMPLETED", 1100),   // 100 s
                state("b", "Running", "RUNNING", 1000), state("b", "Failed", "FAILED", 1300),          // 300 s
                // still running at 1500, started before the range: 1500 - 200 = 1300 s
                state("c", "Running", "RUNNING", 200),
                // finished before the range: does not count
                state("d", "Running", "RUNNING", 100), state("d", "Completed", "COMPLETED", 800),
                // never started (no Running): does not count
                state("e", "Crashed", "CRASHED", 1200));
        assertThat(value("duration", 1500, runs)).hasValue((100.0 + 300.0 + 1300.0) / 3);
        // a run that never finishes keeps raising it
        assertThat(value("duration", 2000, runs(state("c", "Running", "RUNNING", 200)))).hasValue(1800.0);
    }

    @Test
    void latenessAveragesStartDelaysInTheRangeAndTheDelaySoFarOfRunsNotStarted() {
        Collection<FlowRun> runs = runs(
                scheduled("a", 900, 1000), state("a", "Running", "RUNNING", 1060),   // 60 s late
                scheduled("b", 900, 1100), state("b", "Running", "RUNNING", 1090),   // early: 0
                // expected at 1200, not started by 1500: 300 s so far
                scheduled("c", 900, 1200), state("c", "Late", "SCHEDULED", 1215),
                // started before the range (900): its lateness was measured earlier
                scheduled("d", 0, 100), state("d", "Running", "RUNNING", 800),
                // expected after now: not late yet
                scheduled("e", 900, 1600),
                // no expected start known: does not count
                state("f", "Running", "RUNNING", 1000));
        assertThat(value("lateness", 1500, runs)).hasValue((60.0 + 0.0 + 300.0) / 3);
    }

    @Test
    void aLateRunThatIsCancelledBeforeStartingStopsCounting() {
        Collection<FlowRun> runs = runs(scheduled("a", 0, 1000), state("a", "Cancelled", "CANCELLED", 1400));
        assertThat(value("lateness", 1300, runs)).hasValue(300.0);
        assertThat(value("lateness", 1500, runs)).isEmpty();
    }

    @Test
    void mergingIsIndependentOfOrderAndRepetition() {
        ReceivedEvent[] events = {scheduled("a", 0, 100), state("a", "Running", "RUNNING", 120),
                state("a", "Failed", "FAILED", 200), state("a", "Retrying", "RUNNING", 210),
                state("a", "Completed", "COMPLETED", 300)};
        ReceivedEvent[] shuffled = {events[4], events[1], events[3], events[0], events[2], events[4], events[1]};
        assertThat(runs(shuffled)).containsExactlyElementsOf(runs(events));
        FlowRun run = runs(events).iterator().next();
        assertThat(FlowRun.decode(run.runId(), run.encode())).isEqualTo(run);
    }
}
