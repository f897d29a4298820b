package dev.vigil.bench;

import dev.vigil.evaluator.bucket.InMemoryEngineState;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.FiringState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The expected number of action calls: the evaluator's pure engine with in-memory state over the
 * same automations and events, on the backtest runner's virtual clock: "now" is each event's
 * occurred time, timers due before it run first, and after the last event every timer due by
 * {@code until} runs. A Triggered firing calls the automation's actions and actions_on_trigger, a
 * Resolved one its actions_on_resolve (as FiringPublisher does).
 */
final class Oracle {

    private Oracle() {
    }

    static long expectedActionCalls(UUID workspace, List<Automation> automations, List<ReceivedEvent> events,
                                    Instant start, Instant until) {
        TriggerIndex index = new TriggerIndex(automations.stream()
                .map(automation -> new TriggerIndex.Indexed(workspace, automation)).toList());
        AutomationEvaluator engine = new AutomationEvaluator();
        InMemoryEngineState state = new InMemoryEngineState();
        engine.onLoad(index, start, state);
        long calls = 0;
        for (ReceivedEvent event : events) {
            calls += actionCalls(engine.onTime(index, event.occurred().toInstant().minusNanos(1), state));
            calls += actionCalls(engine.onEvent(index, workspace, event, state));
        }
        return calls + actionCalls(engine.onTime(index, until, state));
    }

    private static long actionCalls(List<AutomationFiring> firings) {
        long calls = 0;
        for (AutomationFiring fired : firings) {
            Automation automation = fired.automation();
            calls += fired.firing().triggerState() == FiringState.Resolved
                    ? automation.actionsOnResolve().size()
                    : automation.actions().size() + automation.actionsOnTrigger().size();
        }
        return calls;
    }
}
