package dev.vigil.evaluator.metric;

import static dev.vigil.evaluator.metric.FlowRunEvents.DEPLOYMENT;
import static dev.vigil.evaluator.metric.FlowRunEvents.OTHER_DEPLOYMENT;
import static dev.vigil.evaluator.metric.FlowRunEvents.at;
import static dev.vigil.evaluator.metric.FlowRunEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.MetricTrigger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The metric trigger's state machine: holding for firing_for, firing once, resolving, and what it selects. */
class MetricTriggerEvaluatorTest {

    private final InMemoryMetricState state = new InMemoryMetricState();

    private static MetricTriggerEvaluator evaluator(String metric, String operator, double threshold) {
        String json = "{\"type\":\"metric\",\"posture\":\"Metric\",\"match\":{\"prefect.resource.id\":\"prefect.flow-run.*\"},"
                + "\"match_related\":{\"prefect.resource.role\":\"deployment\",\"prefect.resource.id\":\"" + DEPLOYMENT + "\"},"
                + "\"metric\":{\"name\":\"" + metric + "\",\"operator\":\"" + operator + "\",\"threshold\":" + threshold
                + ",\"range\":600,\"firing_for\":300}}";
        try {
            MetricTrigger trigger = VigilJson.mapper().readValue(json, MetricTrigger.class);
            Automation automation = new Automation(UUID.randomUUID(), null, null, "m", null, true, null, trigger,
                    List.of(), null, null);
            return new MetricTriggerEvaluator(Workspaces.DEFAULT, automation, trigger);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<Firing> evaluateEvery15s(MetricTriggerEvaluator evaluator, long from, long to) {
        List<Firing> firings = new ArrayList<>();
        for (long t = from; t <= to; t += 15) {
            evaluator.evaluate(state.runs(evaluator.key()), at(t), state).stream()
                    .map(AutomationFiring::firing).forEach(firings::add);
        }
        return firings;
    }

    private void record(MetricTriggerEvaluator evaluator, ReceivedEvent... events) {
        for (ReceivedEvent event : events) {
            evaluator.record(event, state);
        }
    }

    @Test
    void firesOnceTheConditionHasHeldForFiringForAndResolvesWhenItStops() {
        MetricTriggerEvaluator evaluator = evaluator("successes", "<", 0.9);
        record(evaluator, state("a", "Completed", "COMPLETED", 1000), state("b", "Failed", "FAILED", 1000),
                state("c", "Completed", "COMPLETED", 1000), state("d", "Completed", "COMPLETED", 1000));
        // 3 of 4 completed from 1000 on: holds from the first evaluation at or after 1000
        List<Firing> firings = evaluateEvery15s(evaluator, 990, 1290);
        assertThat(firings).isEmpty();
        firings = evaluateEvery15s(evaluator, 1305, 1590);
        assertThat(firings).singleElement().satisfies(firing -> {
            assertThat(firing.triggerState()).isEqualTo(FiringState.Triggered);
            assertThat(firing.triggered().toInstant()).isEqualTo(at(1305));
            assertThat(firing.triggeringValue()).isEqualTo(0.75);
            assertThat(firing.triggerId()).isEqualTo(evaluator.trigger().id());
        });
        // the failure leaves the 600 s range at 1600: no run counts, the condition no longer holds
        firings = evaluateEvery15s(evaluator, 1605, 1800);
        assertThat(firings).singleElement().satisfies(firing -> {
            assertThat(firing.triggerState()).isEqualTo(FiringState.Resolved);
            assertThat(firing.triggered().toInstant()).isEqualTo(at(1605));
            assertThat(firing.triggeringValue()).isNull();
        });
    }

    @Test
    void aConditionThatBreaksBeforeFiringForStartsItsHoldAgain() {
        MetricTriggerEvaluator evaluator = evaluator("duration", ">", 100);
        record(evaluator, state("a", "Running", "RUNNING", 0));
        // holds from 105 (duration 105 s); two quick runs finishing at 200 bring the average below 100
        assertThat(evaluateEvery15s(evaluator, 0, 195)).isEmpty();
        assertThat(state.watch(evaluator.key()).orElseThrow().since()).isEqualTo(at(105));
        record(evaluator, state("b", "Running", "RUNNING", 190), state("b", "Completed", "COMPLETED", 200),
                state("c", "Running", "RUNNING", 190), state("c", "Completed", "COMPLETED", 200));
        assertThat(evaluateEvery15s(evaluator, 200, 200)).isEmpty();
        assertThat(state.watch(evaluator.key()).orElseThrow().since()).isNull();
        // (t + 10 + 10) / 3 > 100 again from 290: so it fires at 590, not at 405
        List<Firing> firings = evaluateEvery15s(evaluator, 215, 600);
        assertThat(firings).singleElement().satisfies(firing -> {
            assertThat(firing.triggered().toInstant()).isEqualTo(at(590));
            assertThat(firing.triggeringValue()).isEqualTo((590.0 + 20.0) / 3);
        });
    }

    @Test
    void firesOnlyOnceWhileTheConditionKeepsHolding() {
        MetricTriggerEvaluator evaluator = evaluator("lateness", ">=", 60);
        record(evaluator, FlowRunEvents.scheduled("a", 0, 100), state("a", "Late", "SCHEDULED", 115));
        List<Firing> firings = evaluateEvery15s(evaluator, 0, 3000);
        assertThat(firings).extracting(Firing::triggerState).containsExactly(FiringState.Triggered);
        // lateness reaches 60 at 160 (first evaluation at 165), so it fires at 465
        assertThat(firings.get(0).triggered().toInstant()).isEqualTo(at(465));
        assertThat(firings.get(0).triggeringValue()).isEqualTo(365.0);
        // the run starts at last: its 2950 s delay leaves the range 600 s later
        record(evaluator, state("a", "Running", "RUNNING", 3050));
        firings = evaluateEvery15s(evaluator, 3060, 3660);
        assertThat(firings).extracting(Firing::triggerState).containsExactly(FiringState.Resolved);
        assertThat(firings.get(0).triggered().toInstant()).isEqualTo(at(3660));
    }

    @Test
    void evaluatingAgainAtTheSameTimeChangesNothing() {
        MetricTriggerEvaluator evaluator = evaluator("successes", "<", 0.9);
        record(evaluator, state("a", "Failed", "FAILED", 0));
        assertThat(evaluateEvery15s(evaluator, 0, 300)).hasSize(1);
        assertThat(evaluator.evaluate(state.runs(evaluator.key()), at(300), state)).isEmpty();
        assertThat(evaluator.due(state.watch(evaluator.key()), at(314))).isFalse();
        assertThat(evaluator.due(state.watch(evaluator.key()), at(315))).isTrue();
    }

    @Test
    void onlyFlowRunStateEventsOfTheMatchedRunsAreRecorded() {
        MetricTriggerEvaluator evaluator = evaluator("successes", "<", 0.9);
        assertThat(evaluator.record(state("a", "Completed", "COMPLETED", 0), state)).isTrue();
        assertThat(evaluator.record(state("b", "Failed", "FAILED", 0, null, OTHER_DEPLOYMENT), state)).isFalse();
        ReceivedEvent taskRun = state("c", "Failed", "FAILED", 0);
        taskRun = new ReceivedEvent(taskRun.occurred(), "prefect.task-run.Failed", taskRun.resource(),
                taskRun.related(), taskRun.payload(), taskRun.id(), null, taskRun.received());
        assertThat(evaluator.record(taskRun, state)).isFalse();
        assertThat(state.runs(evaluator.key())).extracting(FlowRun::outcome).containsExactly("COMPLETED");
    }

    @Test
    void theStateTypeAndTimeComeFromPrefectsLabelsAndTheExpectedStartFromTheStateDetails() {
        ReceivedEvent event = FlowRunEvents.scheduled("a", 50, 100);
        FlowRunObservation observation = FlowRunObservation.of(event).orElseThrow();
        assertThat(observation.stateType()).isEqualTo("SCHEDULED");
        assertThat(observation.scheduledTime()).isEqualTo(at(100));
        ReceivedEvent cached = state("b", "Cached", "COMPLETED", 70);
        assertThat(FlowRunObservation.of(cached).orElseThrow().terminal()).isTrue();
        // without Prefect's labels, the state's name tells its type and occurred its time
        ReceivedEvent bare = new ReceivedEvent(cached.occurred(), "prefect.flow-run.Crashed",
                dev.vigil.model.event.Resource.of(cached.resource().id()), List.of(), null, UUID.randomUUID(), null,
                cached.occurred());
        assertThat(FlowRunObservation.of(bare).orElseThrow()).satisfies(o -> {
            assertThat(o.stateType()).isEqualTo("CRASHED");
            assertThat(o.at()).isEqualTo(at(70));
        });
    }

    @Test
    void runsAreBoundedByCountAndForgottenAfterTheirRetention() {
        MetricTriggerEvaluator evaluator = evaluator("duration", ">", 100);
        InMemoryMetricState runs = new InMemoryMetricState();
        for (int i = 0; i < 3; i++) {
            runs.record(evaluator.key(), FlowRun.of(FlowRunObservation.of(
                    state("r" + i, "Running", "RUNNING", i)).orElseThrow()), at(-1), 2);
        }
        assertThat(runs.runs(evaluator.key())).extracting(FlowRun::seen).containsExactlyInAnyOrder(at(1), at(2));
        long later = evaluator.retention().toSeconds() + 2;
        evaluator.record(state("late", "Running", "RUNNING", later), runs);
        assertThat(runs.runs(evaluator.key())).extracting(FlowRun::seen).containsExactlyInAnyOrder(at(2), at(later));
    }

    @Test
    void explainShowsTheRunTheEventChangesTheValueWithItAndWhatTheNextEvaluationDoes() {
        MetricTriggerEvaluator evaluator = evaluator("successes", "<", 0.9);
        record(evaluator, state("a", "Completed", "COMPLETED", 0));
        evaluateEvery15s(evaluator, 0, 30);
        MetricExplainer.MetricVerdict verdict = MetricExplainer.explain(evaluator,
                state("b", "Failed", "FAILED", 40), state.runs(evaluator.key()), state.watch(evaluator.key()), at(45));
        assertThat(verdict.outcome()).isEqualTo("record");
        assertThat(verdict.valueBefore()).isEqualTo(1.0);
        assertThat(verdict.valueAfter()).isEqualTo(0.5);
        assertThat(verdict.holdsAfter()).isTrue();
        assertThat(verdict.nextEvaluation()).isEqualTo("hold");
        assertThat(verdict.runAfter().outcome()).isEqualTo("FAILED");
        // nothing was recorded by explaining
        assertThat(state.runs(evaluator.key())).hasSize(1);

        MetricExplainer.MetricVerdict other = MetricExplainer.explain(evaluator,
                state("c", "Failed", "FAILED", 40, null, OTHER_DEPLOYMENT), state.runs(evaluator.key()),
                state.watch(evaluator.key()), at(45));
        assertThat(other.outcome()).isEqualTo("nothing");
        assertThat(other.reason()).contains("match_related");
        assertThat(other.nextEvaluation()).isEqualTo("nothing");
    }
}
