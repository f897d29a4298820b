package dev.vigil.evaluator.trigger;

import dev.vigil.evaluator.metric.MetricTriggerEvaluator;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.trigger.CompositeTrigger;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.MetricTrigger;
import dev.vigil.model.trigger.Posture;
import dev.vigil.model.trigger.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Finds the event triggers an event can concern without scanning every trigger. Per workspace,
 * by event name (literal names in a hash map, {@code prefix*} patterns in a {@link PrefixTable},
 * other globs tested one by one, and an empty {@code expect} for every name), then by
 * {@code prefect.resource.id} ({@link ResourceIdIndex}). So an event meets only the triggers whose
 * name and id patterns admit it, plus the few that cannot be narrowed that way. Event triggers
 * nested in composites are indexed with their chain of ancestors.
 *
 * <p>Immutable. {@link #apply} returns a new index that shares this one's structures: a large
 * {@code base} layer, a small {@code recent} layer holding the automations changed since the base
 * was built (rebuilt on each change), and the ids of base automations since removed or replaced.
 * When the recent changes outgrow {@link #overlayLimit}, both are merged into a new base. So a change
 * costs O(overlay) plus, amortised, O(automations / overlay), about O(sqrt(automations)), instead of a
 * rebuild of everything. An automation whose trigger cannot be indexed is logged once and held
 * without triggers, so it cannot stop the others.
 */
public final class TriggerIndex {

    private static final Logger LOG = Logger.getLogger(TriggerIndex.class);
    /** Below this many automations changed since the base, never merge: the overlay is cheap to copy. */
    private static final int MIN_OVERLAY = 64;

    public static final TriggerIndex EMPTY = new TriggerIndex(List.of());

    private final Layer base;
    private final Layer recent;
    /** Automations of {@code base} removed or replaced since it was built; their entries there are dead. */
    private final Set<UUID> replacedInBase;
    private final Set<UUID> workspaces;
    private final int nextOrdinal;

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

        private Entry renumbered(int newOrdinal) {
            return newOrdinal == ordinal ? this : new Entry(workspaceId, automation, evaluator, ancestors, newOrdinal);
        }
    }

    public record Indexed(UUID workspaceId, Automation automation) {
    }

    /** An automation and its event triggers, or its metric trigger (none when it cannot be indexed). */
    private record Leaves(Indexed item, List<Entry> entries, MetricTriggerEvaluator metric) {

        Leaves(Indexed item, List<Entry> entries) {
            this(item, entries, null);
        }

        Leaves renumbered(int firstOrdinal) {
            List<Entry> renumbered = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                renumbered.add(entry.renumbered(firstOrdinal + renumbered.size()));
            }
            return new Leaves(item, renumbered, metric);
        }
    }

    public TriggerIndex(Collection<Indexed> enabled) {
        List<Leaves> all = new ArrayList<>(enabled.size());
        Set<UUID> seen = new HashSet<>();
        int ordinal = 0;
        for (Indexed item : enabled) {
            if (seen.add(item.automation().id())) {
                Leaves leaves = leavesOf(item, ordinal);
                ordinal += leaves.entries().size();
                all.add(leaves);
            }
        }
        this.base = new Layer(all);
        this.recent = Layer.EMPTY;
        this.replacedInBase = Set.of();
        this.workspaces = Set.copyOf(base.byWorkspace.keySet());
        this.nextOrdinal = ordinal;
    }

    private TriggerIndex(Layer base, Layer recent, Set<UUID> replacedInBase, int nextOrdinal) {
        this.base = base;
        this.recent = recent;
        this.replacedInBase = replacedInBase;
        this.nextOrdinal = nextOrdinal;
        Set<UUID> union = new HashSet<>(base.byWorkspace.keySet());
        union.addAll(recent.byWorkspace.keySet());
        this.workspaces = Set.copyOf(union);
    }

    /** This index with {@code automation} added, or replacing the one with its id. */
    public TriggerIndex with(Indexed automation) {
        return apply(List.of(automation), List.of());
    }

    /** This index without the automation with this id (the same index if it holds none). */
    public TriggerIndex without(UUID automationId) {
        return apply(List.of(), List.of(automationId));
    }

    /**
     * A new index where {@code removals} are gone and then {@code upserts} are added or replace the
     * automation with the same id; a changed automation moves to the end of the candidate order, as if
     * it had been removed and added. This index is unchanged.
     */
    public TriggerIndex apply(Collection<Indexed> upserts, Collection<UUID> removals) {
        LinkedHashMap<UUID, Leaves> changed = new LinkedHashMap<>(recent.automations);
        Set<UUID> replaced = new HashSet<>(replacedInBase);
        int ordinal = nextOrdinal;
        for (UUID id : removals) {
            changed.remove(id);
            if (base.automations.containsKey(id)) {
                replaced.add(id);
            }
        }
        for (Indexed item : upserts) {
            UUID id = item.automation().id();
            changed.remove(id);
            if (base.automations.containsKey(id)) {
                replaced.add(id);
            }
            Leaves leaves = leavesOf(item, ordinal);
            ordinal += leaves.entries().size();
            changed.put(id, leaves);
        }
        int live = base.automations.size() - replaced.size() + changed.size();
        if (changed.size() + replaced.size() > overlayLimit(live)) {
            return merged(replaced, changed.values());
        }
        return new TriggerIndex(base, new Layer(changed.values()), Set.copyOf(replaced), ordinal);
    }

    /**
     * The overlay is copied on every change and the base rebuilt each time it overflows: a limit of
     * sqrt(automations) balances the two costs.
     */
    private static int overlayLimit(int automations) {
        return Math.max(MIN_OVERLAY, (int) Math.sqrt(automations));
    }

    /** One base of the live automations, in candidate order, numbered afresh (so ordinals never overflow). */
    private TriggerIndex merged(Set<UUID> replaced, Collection<Leaves> changed) {
        List<Leaves> all = new ArrayList<>(base.automations.size() + changed.size());
        int ordinal = 0;
        for (Leaves leaves : base.automations.values()) {
            if (!replaced.contains(leaves.item().automation().id())) {
                all.add(leaves.renumbered(ordinal));
                ordinal += leaves.entries().size();
            }
        }
        for (Leaves leaves : changed) {
            all.add(leaves.renumbered(ordinal));
            ordinal += leaves.entries().size();
        }
        return new TriggerIndex(new Layer(all), Layer.EMPTY, Set.of(), ordinal);
    }

    private static Leaves leavesOf(Indexed item, int firstOrdinal) {
        List<Entry> entries = new ArrayList<>();
        try {
            if (item.automation().trigger() instanceof MetricTrigger metric) {
                return new Leaves(item, List.of(),
                        new MetricTriggerEvaluator(item.workspaceId(), item.automation(), metric));
            }
            addLeaves(item, item.automation().trigger(), List.of(), firstOrdinal, entries);
        } catch (RuntimeException e) {
            // The index is shared by every workspace: one automation stored before a validation rule
            // existed must not stop the others from being evaluated.
            LOG.errorf(e, "Automation %s of workspace %s cannot be evaluated and is skipped",
                    item.automation().id(), item.workspaceId());
            return new Leaves(item, List.of());
        }
        return new Leaves(item, List.copyOf(entries));
    }

    private static void addLeaves(Indexed item, Trigger trigger, List<CompositeTrigger> ancestors, int firstOrdinal,
                                  List<Entry> entries) {
        if (trigger instanceof CompositeTrigger composite) {
            List<CompositeTrigger> chain = new ArrayList<>(ancestors.size() + 1);
            chain.add(composite);
            chain.addAll(ancestors);
            for (Trigger child : composite.triggers()) {
                addLeaves(item, child, List.copyOf(chain), firstOrdinal, entries);
            }
            return;
        }
        if (!(trigger instanceof EventTrigger eventTrigger)) {
            return;
        }
        EventTriggerMatcher matcher = new EventTriggerMatcher(eventTrigger);
        // What a layer will ask of it, asked now, so that a bad trigger fails here and not mid-build.
        matcher.namePatterns();
        ResourceIdIndex.indexablePositives(eventTrigger);
        entries.add(new Entry(item.workspaceId(), item.automation(),
                new EventTriggerEvaluator(item.workspaceId(), item.automation().id(), matcher), ancestors,
                firstOrdinal + entries.size()));
    }

    /**
     * The triggers of {@code workspaceId} whose event-name and resource-id patterns may admit
     * {@code event}, in index order. Exact for literal and {@code prefix*} patterns; triggers with
     * other patterns are included and left to {@link EventTriggerMatcher#covers}.
     */
    public List<Entry> candidates(UUID workspaceId, ReceivedEvent event) {
        Candidates found = new Candidates(event.resource() == null ? null : event.resource().id());
        collect(workspaceId, event.event(), found, found.byName);
        return found.asList();
    }

    /** Triggers of {@code workspaceId} whose event names cover {@code name}, whatever the resource. */
    public List<Entry> candidates(UUID workspaceId, String name) {
        Candidates found = new Candidates(null);
        collect(workspaceId, name, found, ids -> found.add(ids.all()));
        return found.asList();
    }

    private void collect(UUID workspaceId, String name, Candidates found, PrefixTable.Sink<ResourceIdIndex> sink) {
        NameIndex old = base.byWorkspace.get(workspaceId);
        if (old != null) {
            found.skip = replacedInBase.isEmpty() ? null : replacedInBase;
            old.collect(name, sink);
            found.skip = null;
        }
        NameIndex changed = recent.byWorkspace.get(workspaceId);
        if (changed != null) {
            changed.collect(name, sink);
        }
    }

    /** The indexed event trigger with this id, or null (its automation was removed or disabled). */
    public Entry byTriggerId(UUID triggerId) {
        Entry entry = recent.byTriggerId.get(triggerId);
        if (entry != null) {
            return entry;
        }
        entry = base.byTriggerId.get(triggerId);
        return entry == null || replacedInBase.contains(entry.automation().id()) ? null : entry;
    }

    /** The automation with this id as indexed, or null. */
    public Indexed automation(UUID automationId) {
        Leaves leaves = recent.automations.get(automationId);
        if (leaves == null && !replacedInBase.contains(automationId)) {
            leaves = base.automations.get(automationId);
        }
        return leaves == null ? null : leaves.item();
    }

    /** Every automation held, in candidate order. */
    public List<Indexed> automations() {
        List<Indexed> all = new ArrayList<>(size());
        for (Leaves leaves : base.automations.values()) {
            if (!replacedInBase.contains(leaves.item().automation().id())) {
                all.add(leaves.item());
            }
        }
        recent.automations.values().forEach(leaves -> all.add(leaves.item()));
        return all;
    }

    /** Every indexed event trigger, in index order. */
    public List<Entry> entries() {
        return live(base.all, recent.all);
    }

    /** The metric triggers of the automations held (top-level only: validation keeps them out of composites). */
    public List<MetricTriggerEvaluator> metrics() {
        List<MetricTriggerEvaluator> live = new ArrayList<>(base.metrics.size() + recent.metrics.size());
        for (MetricTriggerEvaluator metric : base.metrics) {
            if (!replacedInBase.contains(metric.automation().id())) {
                live.add(metric);
            }
        }
        live.addAll(recent.metrics);
        return live;
    }

    /** The metric trigger with this id, or null (its automation was removed or disabled). */
    public MetricTriggerEvaluator metricByTriggerId(UUID triggerId) {
        for (MetricTriggerEvaluator metric : metrics()) {
            if (metric.trigger().id().equals(triggerId)) {
                return metric;
            }
        }
        return null;
    }

    /** The indexed event triggers with a proactive posture, in index order. */
    public List<Entry> proactive() {
        return live(base.proactive, recent.proactive);
    }

    private List<Entry> live(List<Entry> fromBase, List<Entry> fromRecent) {
        List<Entry> live = new ArrayList<>(fromBase.size() + fromRecent.size());
        for (Entry entry : fromBase) {
            if (!replacedInBase.contains(entry.automation().id())) {
                live.add(entry);
            }
        }
        live.addAll(fromRecent);
        return live;
    }

    /** The workspaces that have (or, until the next merge, recently had) an indexed automation. */
    public Set<UUID> workspaces() {
        return workspaces;
    }

    /**
     * The longest {@code within} of any trigger; until the next merge it may still count a trigger
     * since removed, which only errs towards keeping state longer.
     */
    public Duration longestWithin() {
        return base.longestWithin.compareTo(recent.longestWithin) >= 0 ? base.longestWithin : recent.longestWithin;
    }

    /** How many automations are held. */
    public int size() {
        return base.automations.size() - replacedInBase.size() + recent.automations.size();
    }

    /** Automations with their triggers by workspace, event name and resource id; immutable once built. */
    private static final class Layer {

        static final Layer EMPTY = new Layer(List.of());

        final LinkedHashMap<UUID, Leaves> automations = new LinkedHashMap<>();
        final Map<UUID, NameIndex> byWorkspace = new HashMap<>();
        final Map<UUID, Entry> byTriggerId = new HashMap<>();
        final List<Entry> all = new ArrayList<>();
        final List<Entry> proactive = new ArrayList<>();
        final List<MetricTriggerEvaluator> metrics = new ArrayList<>();
        final Duration longestWithin;

        Layer(Collection<Leaves> items) {
            Duration longest = Duration.ZERO;
            for (Leaves leaves : items) {
                automations.put(leaves.item().automation().id(), leaves);
                if (leaves.metric() != null) {
                    metrics.add(leaves.metric());
                }
                for (Entry entry : leaves.entries()) {
                    EventTriggerMatcher matcher = entry.evaluator().matcher();
                    byTriggerId.put(matcher.trigger().id(), entry);
                    all.add(entry);
                    if (matcher.trigger().posture() == Posture.Proactive) {
                        proactive.add(entry);
                    }
                    if (matcher.trigger().within().compareTo(longest) > 0) {
                        longest = matcher.trigger().within();
                    }
                    byWorkspace.computeIfAbsent(entry.workspaceId(), k -> new NameIndex())
                            .add(entry, matcher.namePatterns());
                }
            }
            this.longestWithin = longest;
        }
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
        /** Automations whose entries are dead in the layer being collected, or null. */
        Set<UUID> skip;
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
            if (skip != null && skip.contains(entry.automation().id())) {
                return;
            }
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
