package dev.vigil.evaluator.trigger;

import dev.vigil.evaluator.bucket.ChildFiringStore;
import dev.vigil.evaluator.bucket.CompositeKey;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.id.NameUuids;
import dev.vigil.model.trigger.CompositeTrigger;
import dev.vigil.model.trigger.CompoundTrigger;
import dev.vigil.model.trigger.SequenceTrigger;
import dev.vigil.model.trigger.Trigger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decides whether a composite trigger fires when one of its children does. Keeps the latest
 * firing per child; judges {@code within} and sequence order by the children's firing times,
 * which are event times (a deliberate difference from Prefect's processing time). Resolves when
 * the child firing that completed it resolves.
 */
public final class CompositeEvaluator {

    private CompositeEvaluator() {
    }

    public static Optional<Firing> onChildFiring(UUID workspaceId, UUID automationId, CompositeTrigger parent,
                                                 Firing child, ChildFiringStore store) {
        CompositeKey key = new CompositeKey(workspaceId, automationId, parent.id());
        if (child.triggerState() == FiringState.Resolved) {
            return onChildResolved(parent, child, key, store);
        }
        int required = required(parent);
        if (required == 1) {
            store.saveFiredBy(key, resolvableBy(child));
            return Optional.of(fire(parent, child, List.of(child)));
        }
        Map<UUID, Firing> stored = new LinkedHashMap<>(store.childFirings(key));
        if (parent.within() != null) {
            OffsetDateTime oldest = child.triggered().minus(parent.within());
            stored.values().removeIf(firing -> firing.triggered().isBefore(oldest));
        }
        stored.put(child.triggerId(), child);
        if (!ready(parent, stored, required)) {
            store.saveChildFirings(key, stored);
            return Optional.empty();
        }
        store.saveChildFirings(key, Map.of());
        store.saveFiredBy(key, resolvableBy(child));
        List<Firing> inOrder = stored.values().stream()
                .sorted(Comparator.comparing(Firing::triggered)).toList();
        return Optional.of(fire(parent, child, inOrder));
    }

    /**
     * A composite resolves when the child firing that completed it resolves: the same child
     * trigger, for the same bucket. Any other child's resolution leaves it as it is.
     */
    private static Optional<Firing> onChildResolved(CompositeTrigger parent, Firing child, CompositeKey key,
                                                    ChildFiringStore store) {
        Optional<Firing> firedBy = store.firedBy(key);
        if (firedBy.isEmpty() || !firedBy.get().triggerId().equals(child.triggerId())
                || !firedBy.get().triggeringLabels().equals(child.triggeringLabels())) {
            return Optional.empty();
        }
        store.saveFiredBy(key, null);
        String seed = parent.id() + "|resolved|" + child.id();
        UUID id = NameUuids.of(seed);
        return Optional.of(new Firing(id, parent.id(), FiringState.Resolved, child.triggered(), Map.of(),
                List.of(child), child.triggeringEvent()));
    }

    /** What is kept of the completing child: enough to recognise its resolution. */
    private static Firing resolvableBy(Firing child) {
        return new Firing(child.id(), child.triggerId(), child.triggerState(), child.triggered(),
                child.triggeringLabels(), List.of(), null);
    }

    private static int required(CompositeTrigger parent) {
        if (parent instanceof CompoundTrigger compound) {
            return compound.requiredCount();
        }
        return parent.triggers().size();
    }

    private static boolean ready(CompositeTrigger parent, Map<UUID, Firing> stored, int required) {
        if (parent instanceof SequenceTrigger) {
            if (stored.size() < parent.triggers().size()) {
                return false;
            }
            List<UUID> declared = parent.triggers().stream().map(Trigger::id).toList();
            List<UUID> fired = stored.values().stream()
                    .sorted(Comparator.comparing(Firing::triggered)
                            .thenComparing(f -> declared.indexOf(f.triggerId())))
                    .map(Firing::triggerId).toList();
            return fired.equals(declared);
        }
        return stored.size() >= required;
    }

    private static Firing fire(CompositeTrigger parent, Firing child, List<Firing> children) {
        String seed = parent.id() + "|" + children.stream().map(f -> f.id().toString())
                .collect(Collectors.joining(","));
        UUID id = NameUuids.of(seed);
        return new Firing(id, parent.id(), FiringState.Triggered, child.triggered(), Map.of(),
                new ArrayList<>(children), child.triggeringEvent());
    }
}
