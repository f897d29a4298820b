package dev.vigil.evaluator.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.trigger.Trigger;
import org.junit.jupiter.api.Test;

class HistoryNamesTest {

    private static Trigger trigger(String json) throws Exception {
        return VigilJson.mapper().readValue(json, Trigger.class);
    }

    @Test
    void expectAndAfterOfEveryChildAreRead() throws Exception {
        Trigger compound = trigger("""
                {"type": "compound", "require": "all", "triggers": [
                  {"posture": "Reactive", "expect": ["flow.done"], "after": ["flow.started"]},
                  {"posture": "Reactive", "expect": ["prefect.flow-run.*", "job.[ab]x"]}]}""");

        assertThat(HistoryNames.prefixes(compound)).contains(
                java.util.List.of("flow.done", "flow.started", "prefect.flow-run.", "job."));
    }

    @Test
    void aTriggerThatMayLookAtAnyEventReadsEverything() throws Exception {
        assertThat(HistoryNames.prefixes(trigger("{\"posture\": \"Proactive\", \"within\": 60}"))).isEmpty();
        assertThat(HistoryNames.prefixes(trigger("{\"posture\": \"Reactive\", \"expect\": [\"*.done\"]}")))
                .isEmpty();
        assertThat(HistoryNames.prefixes(trigger("""
                {"type": "sequence", "triggers": [{"posture": "Reactive", "expect": ["a"]},
                  {"posture": "Reactive", "expect": []}]}"""))).isEmpty();
    }

    @Test
    void aMetricTriggerReadsFlowRunStateEvents() throws Exception {
        assertThat(HistoryNames.prefixes(trigger("""
                {"type": "metric", "posture": "Metric", "metric": {"name": "successes", "operator": "<",
                  "threshold": 0.9, "range": 300, "firing_for": 300}}"""))).contains(
                java.util.List.of("prefect.flow-run."));
    }
}
