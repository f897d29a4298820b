package dev.vigil.evaluator.trigger;

import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.CompositeKey;
import dev.vigil.evaluator.bucket.EngineState;
import dev.vigil.evaluator.bucket.TimerStore.DueTimer;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.trigger.CompositeTrigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The engine's entry points: an event, the passing of time, and the loading of automations.
 * Each evaluates the interested event triggers against the state, carries their firings up
 * through composite ancestors, and returns the automations' top-level firings. Pure: the caller
 * supplies the state and the clock.
 */
public final class AutomationEvaluator {

    /** What one event can read or change, so that a live caller can load it before evaluating. */
    public record Touched(List<BucketKey> buckets, List<CompositeKey> composites) {
    }

    public Touched touchedBy(TriggerIndex index, UUID workspaceId, ReceivedEvent event) {
        List<BucketKey> buckets = new ArrayList<>();
        List<CompositeKey> composites = new ArrayList<>();
        for (TriggerIndex.Entry entry : index.candidates(workspaceId, event)) {
            if (entry.evaluator().matcher().covers(event)) {
                buckets.add(entry.evaluator().bucketKey(event));
                for (CompositeTrigger ancestor : entry.ancestors()) {
                    composites.add(new CompositeKey(workspaceId, entry.automation().id(), ancestor.id()));
                }
            }
        }
        return new Touched(buckets, composites.stream().distinct().toList());
    }

    public List<AutomationFiring> onEvent(TriggerIndex index, UUID workspaceId, ReceivedEvent event,
                                          EngineState state) {
        return onEvent(index, workspaceId, event, state, Set.of());
    }

    /** As {@link #onEvent(TriggerIndex, UUID, ReceivedEvent, EngineState)}, not evaluating refused buckets. */
    public List<AutomationFiring> onEvent(TriggerIndex index, UUID workspaceId, ReceivedEvent event,
                                          EngineState state, Set<BucketKey> refused) {
        List<AutomationFiring> firings = new ArrayList<>();
        for (TriggerIndex.Entry entry : index.candidates(workspaceId, event)) {
            if (!refused.isEmpty() && refused.contains(entry.evaluator().bucketKey(event))) {
                continue;  // the automation's for_each bucket quota is full (BucketQuota)
            }
            for (Firing firing : entry.evaluator().onEvent(event, state)) {
                propagate(entry, firing, state).ifPresent(firings::add);
            }
        }
        return firings;
    }

    /**
     * Runs every proactive evaluation due at or before {@code upTo}, earliest first. A window
     * that ends opens the next one, which may be due too, so this repeats until nothing is due.
     */
    public List<AutomationFiring> onTime(TriggerIndex index, Instant upTo, EngineState state) {
        List<AutomationFiring> firings = new ArrayList<>();
        DueTimer previous = null;
        for (List<DueTimer> due = state.due(upTo); !due.isEmpty(); due = state.due(upTo)) {
            DueTimer timer = due.get(0);
            if (timer.equals(previous)) {
                state.disarm(timer.key());
                continue;
            }
            firings.addAll(onTimer(index, timer.key(), upTo, state));
            previous = timer;
        }
        return firings;
    }

    /** One proactive window's timer went off at {@code now}. */
    public List<AutomationFiring> onTimer(TriggerIndex index, BucketKey key, Instant now, EngineState state) {
        TriggerIndex.Entry entry = index.byTriggerId(key.triggerId());
        if (entry == null) {
            // Its automation is off, deleted or replaced: the window goes with its timer, so an automation switched
            // on again starts a fresh window instead of keeping a stale one that no timer would ever end.
            state.disarm(key);
            state.delete(key);
            return List.of();
        }
        List<AutomationFiring> firings = new ArrayList<>();
        for (Firing firing : entry.evaluator().onWindowEnd(key, now, state)) {
            propagate(entry, firing, state).ifPresent(firings::add);
        }
        return firings;
    }

    /** What a timer's evaluation can read or change, so that a live caller can load it first. */
    public Touched touchedByTimer(TriggerIndex index, BucketKey key) {
        TriggerIndex.Entry entry = index.byTriggerId(key.triggerId());
        if (entry == null) {
            return new Touched(List.of(key), List.of());
        }
        List<CompositeKey> composites = entry.ancestors().stream()
                .map(a -> new CompositeKey(key.workspaceId(), key.automationId(), a.id())).toList();
        return new Touched(List.of(key), composites);
    }

    /** Opens the first windows of unkeyed proactive triggers of newly loaded automations. */
    public void onLoad(TriggerIndex index, Instant at, EngineState state) {
        for (TriggerIndex.Entry entry : index.entries()) {
            entry.evaluator().onLoad(at, state);
        }
    }

    private static Optional<AutomationFiring> propagate(TriggerIndex.Entry entry, Firing firing, EngineState state) {
        Firing current = firing;
        for (CompositeTrigger ancestor : entry.ancestors()) {
            Optional<Firing> parent = CompositeEvaluator.onChildFiring(entry.workspaceId(), entry.automation().id(),
                    ancestor, current, state);
            if (parent.isEmpty()) {
                return Optional.empty();
            }
            current = parent.get();
        }
        return Optional.of(new AutomationFiring(entry.workspaceId(), entry.automation(), current));
    }
}
