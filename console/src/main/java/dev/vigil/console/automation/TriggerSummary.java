package dev.vigil.console.automation;

import dev.vigil.model.event.ResourceSpecification;
import dev.vigil.model.trigger.CompoundTrigger;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.MetricTrigger;
import dev.vigil.model.trigger.MetricTriggerQuery;
import dev.vigil.model.trigger.Posture;
import dev.vigil.model.trigger.SequenceTrigger;
import dev.vigil.model.trigger.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trigger as one plain-English sentence, e.g. "When 3 or more `animal.walked` events from resources
 * with genus Marmota and species monax occur within 10 seconds, per resource". Covers every trigger
 * type: reactive and proactive event triggers, metric, compound and sequence triggers.
 */
public final class TriggerSummary {

    private static final String RESOURCE_LABEL_PREFIX = "prefect.resource.";
    private static final String RESOURCE_ID = "prefect.resource.id";
    private static final String NEGATION = "!";
    private static final long SECONDS_PER_MINUTE = 60;
    private static final long SECONDS_PER_HOUR = 3_600;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final Map<String, String> OPERATORS = Map.of(
            "<", "below", "<=", "at or below", ">", "above", ">=", "at or above");

    private TriggerSummary() {
    }

    /** The sentence for {@code trigger}, starting with "When". */
    public static String of(Trigger trigger) {
        return "When " + clause(trigger);
    }

    private static String clause(Trigger trigger) {
        if (trigger instanceof EventTrigger event) {
            return event.posture() == Posture.Proactive ? proactive(event) : reactive(event);
        }
        if (trigger instanceof MetricTrigger metric) {
            return metric(metric);
        }
        if (trigger instanceof CompoundTrigger compound) {
            return compound(compound);
        }
        if (trigger instanceof SequenceTrigger sequence) {
            return sequence(sequence);
        }
        throw new IllegalArgumentException("unknown trigger type " + trigger.getClass().getSimpleName());
    }

    private static String reactive(EventTrigger trigger) {
        int threshold = trigger.threshold();
        StringBuilder text = new StringBuilder();
        if (threshold <= 1) {
            text.append(trigger.expect().isEmpty() ? "any event" : "a " + names(trigger.expect()) + " event");
        } else {
            text.append(threshold).append(" or more ").append(events(trigger.expect()));
        }
        text.append(from(trigger));
        text.append(threshold <= 1 ? " occurs" : " occur");
        appendWindow(text, trigger);
        return text.toString();
    }

    private static String proactive(EventTrigger trigger) {
        int threshold = trigger.threshold();
        StringBuilder text = new StringBuilder();
        if (threshold <= 1) {
            text.append(trigger.expect().isEmpty() ? "no event" : "no " + names(trigger.expect()) + " event");
            text.append(from(trigger)).append(" occurs");
        } else {
            text.append("fewer than ").append(threshold).append(' ').append(events(trigger.expect()));
            text.append(from(trigger)).append(" occur");
        }
        appendWindow(text, trigger);
        return text.toString();
    }

    private static void appendWindow(StringBuilder text, EventTrigger trigger) {
        if (!trigger.within().isZero()) {
            text.append(" within ").append(duration(trigger.within()));
        }
        if (!trigger.after().isEmpty()) {
            text.append(" after a ").append(names(trigger.after())).append(" event");
        }
        if (!trigger.forEach().isEmpty()) {
            text.append(", ").append(perEach(trigger.forEach()));
        }
    }

    private static String metric(MetricTrigger trigger) {
        MetricTriggerQuery query = trigger.metric();
        if (query == null) {
            return "a metric crosses its threshold";
        }
        String operator = OPERATORS.getOrDefault(query.operator(), query.operator());
        StringBuilder text = new StringBuilder("the ").append(query.name()).append(" metric");
        if (!trigger.match().isEmpty()) {
            text.append(" of resources with ").append(labels(trigger.match()));
        }
        text.append(" is ").append(operator).append(' ').append(number(query.threshold()))
                .append(" over the last ").append(duration(query.range()))
                .append(" for ").append(duration(query.firingFor()));
        return text.toString();
    }

    private static String compound(CompoundTrigger trigger) {
        String require;
        if ("any".equals(trigger.require())) {
            require = "any";
        } else if ("all".equals(trigger.require())) {
            require = "all";
        } else {
            require = String.valueOf(trigger.requiredCount());
        }
        return require + " of these fire" + compositeWindow(trigger.within()) + ": " + children(trigger.triggers(), "; ");
    }

    private static String sequence(SequenceTrigger trigger) {
        return "these fire in order" + compositeWindow(trigger.within()) + ": "
                + children(trigger.triggers(), "; then ");
    }

    private static String compositeWindow(Duration within) {
        return within == null || within.isZero() ? "" : " within " + duration(within);
    }

    private static String children(List<Trigger> triggers, String separator) {
        List<String> parts = new ArrayList<>(triggers.size());
        for (int i = 0; i < triggers.size(); i++) {
            parts.add("(" + (i + 1) + ") " + clause(triggers.get(i)));
        }
        return String.join(separator, parts);
    }

    private static String from(EventTrigger trigger) {
        StringBuilder text = new StringBuilder();
        if (!trigger.match().isEmpty()) {
            text.append(" from ").append(resources(trigger.match()));
        }
        List<ResourceSpecification> related = trigger.matchRelated().specifications().stream()
                .filter(spec -> !spec.isEmpty()).toList();
        for (ResourceSpecification spec : related) {
            text.append(" related to a resource with ").append(labels(spec));
        }
        return text.toString();
    }

    /** "resources with genus Marmota and species monax", or "resource `x.*`" for an id alone. */
    private static String resources(ResourceSpecification match) {
        Map<String, Object> spec = match.asMap();
        if (spec.size() == 1 && spec.containsKey(RESOURCE_ID)) {
            return "resources matching " + values(spec.get(RESOURCE_ID), true);
        }
        return "resources with " + labels(match);
    }

    private static String labels(ResourceSpecification spec) {
        List<String> parts = new ArrayList<>();
        spec.asMap().forEach((label, patterns) ->
                parts.add(labelName(label) + " " + values(patterns, label.equals(RESOURCE_ID))));
        return String.join(" and ", parts);
    }

    private static String values(Object patterns, boolean code) {
        List<String> all = patterns instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(patterns));
        List<String> rendered = new ArrayList<>(all.size());
        for (String pattern : all) {
            boolean negated = pattern.startsWith(NEGATION);
            String value = negated ? pattern.substring(NEGATION.length()) : pattern;
            String shown = code ? "`" + value + "`" : value;
            rendered.add(negated ? "not " + shown : shown);
        }
        return String.join(" or ", rendered);
    }

    private static String labelName(String label) {
        return label.startsWith(RESOURCE_LABEL_PREFIX) ? label.substring(RESOURCE_LABEL_PREFIX.length()) : label;
    }

    /** "per resource", "per resource and env": the labels that give each bucket its own count. */
    private static String perEach(List<String> forEach) {
        return "per " + String.join(" and ", forEach.stream()
                .map(label -> label.equals(RESOURCE_ID) ? "resource" : labelName(label)).toList());
    }

    private static String names(List<String> patterns) {
        return String.join(" or ", patterns.stream().map(p -> "`" + p + "`").toList());
    }

    private static String events(List<String> expect) {
        return expect.isEmpty() ? "events" : names(expect) + " events";
    }

    private static String number(Double value) {
        if (value == null) {
            return "?";
        }
        return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
    }

    /** "10 seconds", "1 minute", "2 hours": the largest unit that divides the duration exactly. */
    static String duration(Duration duration) {
        if (duration == null) {
            return "no limit";
        }
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % SECONDS_PER_DAY == 0) {
            return plural(seconds / SECONDS_PER_DAY, "day");
        }
        if (seconds != 0 && seconds % SECONDS_PER_HOUR == 0) {
            return plural(seconds / SECONDS_PER_HOUR, "hour");
        }
        if (seconds != 0 && seconds % SECONDS_PER_MINUTE == 0) {
            return plural(seconds / SECONDS_PER_MINUTE, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
