package dev.vigil.bench;

import dev.vigil.evaluator.bucket.InMemoryEngineState;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The expected number of action calls: the evaluator's pure engine with in-memory state over the
 * same automations and events, "now" being each event's occurred time (as the backtest runner does;
 * W1's triggers are reactive, so no proactive pass is needed).
 */
final class Oracle {

    private Oracle() {
    }

    static long expectedActionCalls(UUID workspace, List<Automation> automations, List<ReceivedEvent> events,
                                    Instant start) {
        TriggerIndex index = new TriggerIndex(automations.stream()
                .map(automation -> new TriggerIndex.Indexed(workspace, automation)).toList());
        AutomationEvaluator engine = new AutomationEvaluator();
        InMemoryEngineState state = new InMemoryEngineState();
        engine.onLoad(index, start, state);
        return events.stream()
                .flatMap(event -> engine.onEvent(index, workspace, event, state).stream())
                .mapToLong(firing -> firing.automation().actions().size())
                .sum();
    }
}
