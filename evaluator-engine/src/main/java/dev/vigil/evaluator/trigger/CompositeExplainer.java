package dev.vigil.evaluator.trigger;

import dev.vigil.evaluator.bucket.ChildFiringStore;
import dev.vigil.evaluator.bucket.CompositeKey;
import dev.vigil.evaluator.trigger.Explanation.ChildVerdict;
import dev.vigil.evaluator.trigger.Explanation.CompositeVerdict;
import dev.vigil.evaluator.trigger.Explanation.HeldChild;
import dev.vigil.evaluator.trigger.Explanation.TriggerVerdict;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.trigger.CompositeTrigger;
import dev.vigil.model.trigger.CompoundTrigger;
import dev.vigil.model.trigger.Trigger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Explains a composite trigger as a tree: each child's verdict (an event trigger's, already computed,
 * or a nested composite's, recursively), and the composite's own view, read from the state before
 * the event and from the scratch state the engine left after it.
 */
final class CompositeExplainer {

    private static final double MILLIS_PER_SECOND = 1000.0;

    private final UUID workspaceId;
    private final UUID automationId;
    private final Map<UUID, TriggerVerdict> verdicts;
    private final ChildFiringStore before;
    private final ChildFiringStore after;
    private final boolean alreadySeen;

    CompositeExplainer(UUID workspaceId, UUID automationId, Map<UUID, TriggerVerdict> verdicts,
                       ChildFiringStore before, ChildFiringStore after, boolean alreadySeen) {
        this.workspaceId = workspaceId;
        this.automationId = automationId;
        this.verdicts = verdicts;
        this.before = before;
        this.after = after;
        this.alreadySeen = alreadySeen;
    }

    CompositeVerdict explain(CompositeTrigger composite) {
        List<ChildVerdict> children = new ArrayList<>();
        for (Trigger child : composite.triggers()) {
            if (child instanceof CompositeTrigger nested) {
                children.add(explain(nested));
            } else if (verdicts.containsKey(child.id())) {
                children.add(verdicts.get(child.id()));
            }
        }
        CompositeKey key = new CompositeKey(workspaceId, automationId, composite.id());
        List<HeldChild> heldBefore = held(before.childFirings(key));
        List<HeldChild> heldAfter = held(after.childFirings(key));
        Optional<Firing> firedBefore = before.firedBy(key);
        Optional<Firing> firedAfter = after.firedBy(key);
        boolean compound = composite instanceof CompoundTrigger;
        Integer required = compound ? ((CompoundTrigger) composite).requiredCount() : null;
        List<UUID> order = compound ? null : composite.triggers().stream().map(Trigger::id).toList();
        String outcome;
        String reason;
        int needed = compound ? required : composite.triggers().size();
        if (alreadySeen) {
            outcome = "nothing";
            reason = "this event id was already counted; a redelivery is ignored";
        } else if (firedAfter.isPresent()
                && !firedAfter.map(Firing::id).equals(firedBefore.map(Firing::id))) {
            outcome = "fire";
            reason = compound
                    ? needed + " of its " + composite.triggers().size() + " children have fired" + withinText(composite)
                    : "all " + needed + " children have fired in their declared order" + withinText(composite);
        } else if (firedBefore.isPresent() && firedAfter.isEmpty()) {
            outcome = "resolve";
            reason = "the child firing that completed it resolves";
        } else if (!heldAfter.equals(heldBefore) && !heldAfter.isEmpty()) {
            outcome = "hold";
            reason = heldAfter.size() + " child firing(s) held of " + needed + " needed"
                    + (compound ? "" : " in the declared order") + withinText(composite);
        } else {
            outcome = "nothing";
            reason = "no child firing reaches it";
        }
        Double within = composite.within() == null ? null : composite.within().toMillis() / MILLIS_PER_SECOND;
        Object require = compound ? ((CompoundTrigger) composite).require() : null;
        return new CompositeVerdict(composite.id(), compound ? "compound" : "sequence", require, required, order,
                within, heldBefore, heldAfter, firedAfter.map(CompositeExplainer::held).orElse(null),
                outcome, reason, children);
    }

    private static String withinText(CompositeTrigger composite) {
        return composite.within() == null ? "" : " within " + composite.within().toSeconds() + " s";
    }

    private static List<HeldChild> held(Map<UUID, Firing> firings) {
        return firings.values().stream().map(CompositeExplainer::held)
                .sorted(Comparator.comparing(HeldChild::triggered)).toList();
    }

    private static HeldChild held(Firing firing) {
        return new HeldChild(firing.triggerId(), firing.triggered().toInstant());
    }
}
