package dev.vigil.evaluator.trigger;

import dev.vigil.model.automation.Automation;
import dev.vigil.model.trigger.CompositeTrigger;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Trigger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the event triggers interested in an event name without scanning every trigger: literal
 * names are a hash lookup; only wildcard patterns (few distinct ones in practice) are tested one
 * by one. Event triggers nested in composites are indexed with their chain of ancestors.
 * Immutable; rebuilt when automations change.
 */
public final class TriggerIndex {

    public static final TriggerIndex EMPTY = new TriggerIndex(List.of());

    private final Map<String, List<Entry>> byLiteralName = new HashMap<>();
    private final Map<String, List<Entry>> byWildcard = new HashMap<>();
    private final List<Entry> everyEvent = new ArrayList<>();
    private final Map<UUID, Entry> byTriggerId = new HashMap<>();
    private final List<Entry> all = new ArrayList<>();
    private final Map<UUID, Automation> automations = new HashMap<>();

    /**
     * One indexed event trigger, with the automation it belongs to and its composite ancestors,
     * nearest first (empty for a top-level trigger).
     */
    public record Entry(UUID workspaceId, Automation automation, EventTriggerEvaluator evaluator,
                        List<CompositeTrigger> ancestors) {
    }

    public record Indexed(UUID workspaceId, Automation automation) {
    }

    public TriggerIndex(Collection<Indexed> enabled) {
        for (Indexed item : enabled) {
            automations.put(item.automation().id(), item.automation());
            addLeaves(item, item.automation().trigger(), List.of());
        }
    }

    private void addLeaves(Indexed item, Trigger trigger, List<CompositeTrigger> ancestors) {
        if (trigger instanceof CompositeTrigger composite) {
            List<CompositeTrigger> chain = new ArrayList<>(ancestors.size() + 1);
            chain.add(composite);
            chain.addAll(ancestors);
            for (Trigger child : composite.triggers()) {
                addLeaves(item, child, List.copyOf(chain));
            }
            return;
        }
        if (!(trigger instanceof EventTrigger eventTrigger)) {
            return;
        }
        EventTriggerMatcher matcher = new EventTriggerMatcher(eventTrigger);
        Entry entry = new Entry(item.workspaceId(), item.automation(),
                new EventTriggerEvaluator(item.workspaceId(), item.automation().id(), matcher), ancestors);
        byTriggerId.put(eventTrigger.id(), entry);
        all.add(entry);
        List<EventNamePattern> patterns = matcher.namePatterns();
        if (patterns.isEmpty()) {
            everyEvent.add(entry);
            return;
        }
        for (EventNamePattern pattern : patterns) {
            Map<String, List<Entry>> target = pattern.isLiteral() ? byLiteralName : byWildcard;
            target.computeIfAbsent(pattern.source(), k -> new ArrayList<>()).add(entry);
        }
    }

    /** Triggers of {@code workspaceId} whose event names cover {@code name} (resources not yet checked). */
    public List<Entry> candidates(UUID workspaceId, String name) {
        Set<Entry> found = new LinkedHashSet<>();
        addInWorkspace(found, byLiteralName.get(name), workspaceId);
        for (Map.Entry<String, List<Entry>> wildcard : byWildcard.entrySet()) {
            if (new EventNamePattern(wildcard.getKey()).matches(name)) {
                addInWorkspace(found, wildcard.getValue(), workspaceId);
            }
        }
        addInWorkspace(found, everyEvent, workspaceId);
        return List.copyOf(found);
    }

    /** The indexed event trigger with this id, or null (its automation was removed or disabled). */
    public Entry byTriggerId(UUID triggerId) {
        return byTriggerId.get(triggerId);
    }

    /** Every indexed event trigger. */
    public List<Entry> entries() {
        return List.copyOf(all);
    }

    /** How many automations are indexed. */
    public int size() {
        return automations.size();
    }

    private static void addInWorkspace(Set<Entry> found, List<Entry> entries, UUID workspaceId) {
        if (entries == null) {
            return;
        }
        for (Entry entry : entries) {
            if (entry.workspaceId().equals(workspaceId)) {
                found.add(entry);
            }
        }
    }
}
