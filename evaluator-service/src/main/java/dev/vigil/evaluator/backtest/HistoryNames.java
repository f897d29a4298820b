package dev.vigil.evaluator.backtest;

import dev.vigil.model.trigger.CompositeTrigger;
import dev.vigil.evaluator.metric.FlowRunObservation;
import dev.vigil.evaluator.trigger.EventNamePattern;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.MetricTrigger;
import dev.vigil.model.trigger.Trigger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The event-name prefixes a backtest needs from the stored history: every event its trigger could look at
 * ({@code expect} and {@code after} of each event trigger in the tree) starts with one of them. Reading only those
 * keeps a backtest in a busy workspace from paging through every other event. Empty when the trigger may look at
 * any event (an empty {@code expect}, a pattern that starts with a wildcard). A metric trigger looks at flow-run
 * state events only.
 */
final class HistoryNames {

    private HistoryNames() {
    }

    static Optional<List<String>> prefixes(Trigger trigger) {
        Set<String> prefixes = new LinkedHashSet<>();
        return collect(trigger, prefixes) ? Optional.of(List.copyOf(prefixes)) : Optional.empty();
    }

    /** False when the trigger may look at any event. */
    private static boolean collect(Trigger trigger, Set<String> prefixes) {
        if (trigger instanceof CompositeTrigger composite) {
            for (Trigger child : composite.triggers()) {
                if (!collect(child, prefixes)) {
                    return false;
                }
            }
            return true;
        }
        if (trigger instanceof MetricTrigger) {
            prefixes.add(FlowRunObservation.EVENT_PREFIX);
            return true;
        }
        if (!(trigger instanceof EventTrigger event) || event.expect().isEmpty()) {
            return false;
        }
        for (List<String> patterns : List.of(event.expect(), event.after())) {
            for (String pattern : patterns) {
                String prefix = EventNamePattern.literalPrefix(pattern);
                if (prefix.isEmpty()) {
                    return false;
                }
                prefixes.add(prefix);
            }
        }
        return true;
    }
}
