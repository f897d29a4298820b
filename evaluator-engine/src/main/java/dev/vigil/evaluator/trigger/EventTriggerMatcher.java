package dev.vigil.evaluator.trigger;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.trigger.EventTrigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decides which events an {@link EventTrigger} looks at, and how it buckets them. Compiled once per trigger. */
public final class EventTriggerMatcher {

    private final EventTrigger trigger;
    private final List<EventNamePattern> expect;
    private final List<EventNamePattern> after;
    private final List<String> forEachSorted;

    public EventTriggerMatcher(EventTrigger trigger) {
        this.trigger = trigger;
        this.expect = trigger.expect().stream().map(EventNamePattern::new).toList();
        this.after = trigger.after().stream().map(EventNamePattern::new).toList();
        this.forEachSorted = trigger.forEach().stream().sorted().toList();
    }

    public EventTrigger trigger() {
        return trigger;
    }

    /** Names of {@code expect} and {@code after}: the index key set. Empty means "every event". */
    public List<EventNamePattern> namePatterns() {
        if (expect.isEmpty()) {
            return List.of();
        }
        List<EventNamePattern> all = new ArrayList<>(expect);
        all.addAll(after);
        return all;
    }

    /** Whether the trigger looks at this event at all: its name and its resources match. */
    public boolean covers(ReceivedEvent event) {
        if (!expect.isEmpty() && !anyMatches(expect, event.event()) && !anyMatches(after, event.event())) {
            return false;
        }
        return trigger.match().matches(event.resource()) && trigger.matchRelated().matches(event.related());
    }

    /** An empty {@code expect} expects every event. */
    public boolean expects(String name) {
        return expect.isEmpty() || anyMatches(expect, name);
    }

    public boolean startsAfter(String name) {
        return anyMatches(after, name);
    }

    /** The bucket values, one per {@code for_each} label in sorted order ({@code ""} when missing). */
    public List<String> bucketValues(ReceivedEvent event) {
        if (forEachSorted.isEmpty()) {
            return List.of();
        }
        if (forEachSorted.size() == 1) {
            return List.of(event.findResourceLabel(forEachSorted.get(0)));
        }
        List<String> values = new ArrayList<>(forEachSorted.size());
        for (String label : forEachSorted) {
            values.add(event.findResourceLabel(label));
        }
        return values;
    }

    /** {@code triggering_labels}: each {@code for_each} label with its value for this bucket. */
    public Map<String, String> triggeringLabels(List<String> bucketValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < forEachSorted.size() && i < bucketValues.size(); i++) {
            labels.put(forEachSorted.get(i), bucketValues.get(i));
        }
        return labels;
    }

    private static boolean anyMatches(List<EventNamePattern> patterns, String name) {
        for (EventNamePattern pattern : patterns) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
