package dev.vigil.evaluator.metric;

import static dev.vigil.evaluator.metric.FlowRunEvents.at;
import static dev.vigil.evaluator.metric.FlowRunEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.replay.BacktestRunner;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.Trigger;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Backtest and the index treat metric triggers as live does. */
class MetricBacktestTest {

    private static Automation automation() throws Exception {
        Trigger trigger = VigilJson.mapper().readValue("{\"type\":\"metric\",\"posture\":\"Metric\","
                + "\"metric\":{\"name\":\"successes\",\"operator\":\"<\",\"threshold\":0.8,\"range\":600,"
                + "\"firing_for\":300}}", Trigger.class);
        return new Automation(UUID.randomUUID(), null, null, "m", null, true, null, trigger, List.of(), null, null);
    }

    @Test
    void backtestFiresAndResolvesAMetricTriggerWithItsValue() throws Exception {
        List<AutomationFiring> firings = new BacktestRunner().run(Workspaces.DEFAULT, automation(), at(0), List.of(
                        state("a", "Running", "RUNNING", 10), state("a", "Failed", "FAILED", 20),
                        state("b", "Running", "RUNNING", 10), state("b", "Completed", "COMPLETED", 20)),
                at(1000));
        // 0.5 from the evaluation at 30 on; fires 300 s later; the runs leave the 600 s range at 620
        assertThat(firings).extracting(f -> f.firing().triggerState(), f -> f.firing().triggered().toInstant(),
                        f -> f.firing().triggeringValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FiringState.Triggered, at(330), 0.5),
                        org.assertj.core.groups.Tuple.tuple(FiringState.Resolved, at(630), null));
    }

    @Test
    void theIndexHoldsMetricTriggersUntilTheirAutomationGoes() throws Exception {
        Automation automation = automation();
        TriggerIndex index = TriggerIndex.EMPTY.with(new TriggerIndex.Indexed(Workspaces.DEFAULT, automation));
        assertThat(index.metrics()).extracting(m -> m.trigger().id()).containsExactly(automation.trigger().id());
        assertThat(index.metricByTriggerId(automation.trigger().id())).isNotNull();
        assertThat(index.entries()).isEmpty();
        assertThat(index.without(automation.id()).metrics()).isEmpty();
    }
}
