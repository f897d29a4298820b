package dev.vigil.evaluator.trigger;

import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.BucketStore;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The engine's entry point for one event: finds the interested triggers, evaluates each against
 * the bucket store, and returns the automation firings. Pure; the caller supplies state.
 */
public final class AutomationEvaluator {

    /** The buckets an event can touch, so that a live caller can load them before evaluating. */
    public List<BucketKey> bucketsTouchedBy(TriggerIndex index, UUID workspaceId, ReceivedEvent event) {
        List<BucketKey> keys = new ArrayList<>();
        for (TriggerIndex.Entry entry : index.candidates(workspaceId, event.event())) {
            if (entry.evaluator().matcher().covers(event)) {
                keys.add(entry.evaluator().bucketKey(event));
            }
        }
        return keys;
    }

    public List<AutomationFiring> onEvent(TriggerIndex index, UUID workspaceId, ReceivedEvent event,
                                          BucketStore store) {
        List<AutomationFiring> firings = new ArrayList<>();
        for (TriggerIndex.Entry entry : index.candidates(workspaceId, event.event())) {
            for (Firing firing : entry.evaluator().onEvent(event, store)) {
                firings.add(new AutomationFiring(workspaceId, entry.automation(), firing));
            }
        }
        return firings;
    }
}
