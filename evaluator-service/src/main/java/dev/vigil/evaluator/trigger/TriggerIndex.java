package dev.vigil.evaluator.trigger;

import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.trigger.CompositeTrigger;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds the event triggers an event can concern without scanning every trigger. Per workspace,
 * by event name (literal names in a hash map, {@code prefix*} patterns in a {@link PrefixTable},
 * other globs tested one by one, and an empty {@code expect} for every name), then by
 * {@code prefect.resource.id} ({@link ResourceIdIndex}). So an event meets only the triggers whose
 * name and id patterns admit it, plus the few that cannot be narrowed that way. Event triggers
 * nested in composites are indexed with their chain of ancestors. Immutable once built; rebuilt
 * when automations change.
 */
public final class TriggerIndex {

    public static final TriggerIndex EMPTY = new TriggerIndex(List.of());

    private final Map<UUID, NameIndex> byWorkspace = new HashMap<>();
    private final Map<UUID, Entry> byTriggerId = new HashMap<>();
    private final List<Entry> all = new ArrayList<>();
    private final Map<UUID, Automation> automations = new HashMap<>();

    /**
     * One indexed event trigger, with the automation it belongs to and its composite ancestors,
     * nearest first (empty for a top-level trigger). {@code ordinal} is its position in the index,
     * which orders candidates. Equal only to itself: each trigger is indexed once.
     */
    public record Entry(UUID workspaceId, Automation automation, EventTriggerEvaluator evaluator,
                        List<CompositeTrigger> ancestors, int ordinal) {

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
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
                new EventTriggerEvaluator(item.workspaceId(), item.automation().id(), matcher), ancestors, all.size());
        byTriggerId.put(eventTrigger.id(), entry);
        all.add(entry);
        byWorkspace.computeIfAbsent(item.workspaceId(), k -> new NameIndex()).add(entry, matcher.namePatterns());
    }

    /**
     * The triggers of {@code workspaceId} whose event-name and resource-id patterns may admit
     * {@code event}, in index order. Exact for literal and {@code prefix*} patterns; triggers with
     * other patterns are included and left to {@link EventTriggerMatcher#covers}.
     */
    public List<Entry> candidates(UUID workspaceId, ReceivedEvent event) {
        NameIndex names = byWorkspace.get(workspaceId);
        if (names == null) {
            return List.of();
        }
        Candidates found = new Candidates(event.resource() == null ? null : event.resource().id());
        names.collect(event.event(), found.byName);
        return found.asList();
    }

    /** Triggers of {@code workspaceId} whose event names cover {@code name}, whatever the resource. */
    public List<Entry> candidates(UUID workspaceId, String name) {
        NameIndex names = byWorkspace.get(workspaceId);
        if (names == null) {
            return List.of();
        }
        Candidates found = new Candidates(null);
        names.collect(name, ids -> found.add(ids.all()));
        return found.asList();
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

    /** One workspace's triggers by event-name pattern, each slot narrowed further by resource id. */
    private static final class NameIndex {

        private final Map<String, ResourceIdIndex> literal = new HashMap<>();
        private final PrefixTable<ResourceIdIndex> prefixes = new PrefixTable<>();
        private final Map<String, ResourceIdIndex> otherGlobs = new LinkedHashMap<>();
        private final List<EventNamePattern> otherGlobPatterns = new ArrayList<>();
        private final ResourceIdIndex everyName = new ResourceIdIndex();

        void add(Entry entry, List<EventNamePattern> patterns) {
            if (patterns.isEmpty()) {
                everyName.add(entry);
                return;
            }
            for (EventNamePattern pattern : patterns) {
                slotFor(pattern).add(entry);
            }
        }

        private ResourceIdIndex slotFor(EventNamePattern pattern) {
            String source = pattern.source();
            if (pattern.isLiteral()) {
                return literal.computeIfAbsent(source, k -> new ResourceIdIndex());
            }
            String prefix = source.substring(0, source.length() - 1);
            if (source.endsWith("*") && new EventNamePattern(prefix).isLiteral()) {
                // "prefix*": '*' stands for at least one character, so only proper prefixes of a name.
                return prefixes.computeIfAbsent(prefix, k -> new ResourceIdIndex());
            }
            return otherGlobs.computeIfAbsent(source, k -> {
                otherGlobPatterns.add(pattern);
                return new ResourceIdIndex();
            });
        }

        void collect(String name, PrefixTable.Sink<ResourceIdIndex> sink) {
            if (name != null) {
                ResourceIdIndex exact = literal.get(name);
                if (exact != null) {
                    sink.accept(exact);
                }
                prefixes.forEachPrefixOf(name, true, sink);
                for (EventNamePattern pattern : otherGlobPatterns) {
                    if (pattern.matches(name)) {
                        sink.accept(otherGlobs.get(pattern.source()));
                    }
                }
            }
            sink.accept(everyName);
        }
    }

    /** Collects entries from several slots once each, in index order. */
    private static final class Candidates implements PrefixTable.Sink<List<Entry>> {

        private final String resourceId;
        private Entry[] entries = new Entry[4];
        private int size;
        final PrefixTable.Sink<ResourceIdIndex> byName = this::fromNameSlot;

        Candidates(String resourceId) {
            this.resourceId = resourceId;
        }

        private void fromNameSlot(ResourceIdIndex ids) {
            ids.collect(resourceId, this);
        }

        @Override
        public void accept(List<Entry> slot) {
            add(slot);
        }

        void add(List<Entry> slot) {
            for (int i = 0, n = slot.size(); i < n; i++) {
                insert(slot.get(i));
            }
        }

        private void insert(Entry entry) {
            int at = size;
            while (at > 0 && entries[at - 1].ordinal() >= entry.ordinal()) {
                if (entries[at - 1] == entry) {
                    return;
                }
                at--;
            }
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            System.arraycopy(entries, at, entries, at + 1, size - at);
            entries[at] = entry;
            size++;
        }

        List<Entry> asList() {
            return size == 0 ? List.of() : Arrays.asList(entries).subList(0, size);
        }
    }
}
