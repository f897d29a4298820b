package dev.vigil.model.automation;

import dev.vigil.model.trigger.CompoundTrigger;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.MetricTrigger;
import dev.vigil.model.trigger.MetricTriggerQuery;
import dev.vigil.model.trigger.Posture;
import dev.vigil.model.trigger.SequenceTrigger;
import dev.vigil.model.trigger.Trigger;
import dev.vigil.model.validation.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Prefect's rules for triggers, and the normalisation it applies (a proactive {@code within} of 0 becomes 10 s). */
public final class TriggerRules {

    public static final Duration MINIMUM_PROACTIVE_WITHIN = Duration.ofSeconds(10);
    public static final Duration MINIMUM_METRIC_RANGE = Duration.ofSeconds(300);

    private TriggerRules() {
    }

    /** The trigger with Prefect's defaults applied; {@code problems} receives every rule it breaks. */
    public static Trigger normalise(Trigger trigger, List<Object> path, Problems problems) {
        if (trigger instanceof EventTrigger event) {
            return event(event, path, problems);
        }
        if (trigger instanceof CompoundTrigger compound) {
            List<Trigger> children = children(compound.triggers(), path, problems);
            checkRequire(compound, path, problems);
            checkCompositeWithin(compound.within(), path, problems);
            return new CompoundTrigger(compound.id(), children, compound.within(), compound.require());
        }
        if (trigger instanceof SequenceTrigger sequence) {
            List<Trigger> children = children(sequence.triggers(), path, problems);
            checkCompositeWithin(sequence.within(), path, problems);
            return new SequenceTrigger(sequence.id(), children, sequence.within());
        }
        if (trigger instanceof MetricTrigger metric) {
            metric(metric, path, problems);
        }
        return trigger;
    }

    private static EventTrigger event(EventTrigger trigger, List<Object> path, Problems problems) {
        checkStrings(trigger.expect(), path, problems, "expect");
        checkStrings(trigger.after(), path, problems, "after");
        checkStrings(trigger.forEach(), path, problems, "for_each");
        if (trigger.posture() == null) {
            problems.add(path, "Field required", "missing", "posture");
            return trigger;
        }
        if (trigger.posture() == Posture.Metric) {
            problems.add(path, "Event triggers must be Reactive or Proactive; use a metric trigger for Metric",
                    "literal_error", "posture");
        }
        if (trigger.threshold() < 1) {
            problems.add(path, "Input should be greater than or equal to 1", "greater_than_equal", "threshold");
        }
        Duration within = trigger.within();
        if (within.isNegative()) {
            problems.add(path, "within must be greater than or equal to 0 seconds", "greater_than_equal", "within");
            return trigger;
        }
        if (trigger.posture() == Posture.Proactive) {
            if (within.isZero()) {
                return trigger.withWithin(MINIMUM_PROACTIVE_WITHIN);
            }
            if (within.compareTo(MINIMUM_PROACTIVE_WITHIN) < 0) {
                problems.add(path, "The minimum within for Proactive triggers is 10 seconds", "value_error",
                        "within");
            }
        }
        return trigger;
    }

    /** JSON may put null in a list of names; the engine must never see one. */
    private static void checkStrings(List<String> values, List<Object> path, Problems problems, String field) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                problems.add(Problems.at(path, field, i), "Input should be a valid string", "string_type");
            }
        }
    }

    private static List<Trigger> children(List<Trigger> triggers, List<Object> path, Problems problems) {
        if (triggers.isEmpty()) {
            problems.add(path, "A composite trigger needs at least one child trigger", "too_short", "triggers");
        }
        List<Trigger> normalised = new ArrayList<>(triggers.size());
        for (int i = 0; i < triggers.size(); i++) {
            List<Object> at = Problems.at(path, "triggers", i);
            checkNoMetricChild(triggers.get(i), at, problems);
            normalised.add(normalise(triggers.get(i), at, problems));
        }
        return normalised;
    }

    private static void checkRequire(CompoundTrigger compound, List<Object> path, Problems problems) {
        Object require = compound.require();
        if ("any".equals(require) || "all".equals(require)) {
            return;
        }
        if (require instanceof Integer count && count >= 1 && count <= compound.triggers().size()) {
            return;
        }
        problems.add(path, "require must be 'any', 'all', or an integer from 1 to the number of triggers ("
                + compound.triggers().size() + ")", "value_error", "require");
    }

    private static void checkCompositeWithin(Duration within, List<Object> path, Problems problems) {
        if (within != null && within.isNegative()) {
            problems.add(path, "within must be greater than or equal to 0 seconds", "greater_than_equal", "within");
        }
    }

    private static void metric(MetricTrigger trigger, List<Object> path, Problems problems) {
        if (trigger.posture() != Posture.Metric) {
            problems.add(path, "Input should be 'Metric'", "literal_error", "posture");
        }
        MetricTriggerQuery query = trigger.metric();
        if (query == null) {
            problems.add(path, "Field required", "missing", "metric");
            return;
        }
        if (query.name() == null) {
            problems.add(path, "Field required", "missing", "metric", "name");
        } else if (!MetricTriggerQuery.NAMES.contains(query.name())) {
            problems.add(path, "Input should be 'lateness', 'duration' or 'successes'", "literal_error",
                    "metric", "name");
        }
        if (query.operator() == null) {
            problems.add(path, "Field required", "missing", "metric", "operator");
        } else if (!MetricTriggerQuery.OPERATORS.contains(query.operator())) {
            problems.add(path, "Input should be '<', '<=', '>' or '>='", "literal_error", "metric", "operator");
        }
        if (query.threshold() == null) {
            problems.add(path, "Field required", "missing", "metric", "threshold");
        } else if (query.threshold().isNaN() || query.threshold().isInfinite()) {
            problems.add(path, "Input should be a finite number", "finite_number", "metric", "threshold");
        }
        if (query.range().compareTo(MINIMUM_METRIC_RANGE) < 0) {
            problems.add(path, "The minimum range is 300 seconds", "value_error", "metric", "range");
        }
        if (query.firingFor().compareTo(MINIMUM_METRIC_RANGE) < 0) {
            problems.add(path, "The minimum firing_for is 300 seconds", "value_error", "metric", "firing_for");
        }
    }

    /** Metric triggers are evaluated on their own, not as children of a composite (a Vigil limit). */
    private static void checkNoMetricChild(Trigger child, List<Object> path, Problems problems) {
        if (child instanceof MetricTrigger) {
            problems.add(path, "A metric trigger cannot be part of a compound or sequence trigger in Vigil",
                    "value_error", "type");
        }
    }
}
