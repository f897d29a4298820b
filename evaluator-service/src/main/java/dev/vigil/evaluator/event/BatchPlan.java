package dev.vigil.evaluator.event;

import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.bucket.WriteBackState;
import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.state.RedisStateRepository.LoadedBatch;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.AutomationEvaluator.Touched;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.trigger.CompositeTrigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a batch of events needs from Redis, worked out before reading it, and the engine's run over what
 * was read. Pure: no I/O.
 *
 * @param pending    the events that touch state, in order, each with the key that records it as counted
 * @param stateKeys  the bucket and composite keys they touch, each once
 * @param bucketKeys the Redis names of the bucket keys, already built (each takes a digest)
 * @param window     the longest window among their triggers, which bounds how long written state is kept
 */
record BatchPlan(List<Pending> pending, List<String> stateKeys, Map<BucketKey, String> bucketKeys, Duration window) {

    /** Log events are never evaluated, as in Prefect. */
    private static final String LOG_EVENT = "prefect.log.write";

    /** An event of the batch that touches state, with its seen key. */
    record Pending(WorkspaceEvent item, String seenKey) {
    }

    /** The engine's run: the seen keys of the events it counted, and their firings. */
    record Evaluated(List<String> seenKeys, List<AutomationFiring> firings) {
    }

    /** Whether the engine looks at this event at all (and so whether other events may follow it). */
    static boolean evaluable(WorkspaceEvent item) {
        ReceivedEvent event = item.event();
        return event != null && event.id() != null && !LOG_EVENT.equals(event.event());
    }

    static BatchPlan of(AutomationEvaluator engine, TriggerIndex index, List<WorkspaceEvent> events) {
        List<Pending> pending = new ArrayList<>();
        Set<String> stateKeys = new LinkedHashSet<>();
        // Most buckets are touched by many events of a batch; their Redis keys take a digest to build.
        Map<BucketKey, String> bucketKeys = new HashMap<>();
        Duration window = Duration.ZERO;
        for (WorkspaceEvent item : events) {
            if (!evaluable(item)) {
                continue;
            }
            ReceivedEvent event = item.event();
            Touched touched = engine.touchedBy(index, item.workspaceId(), event);
            if (touched.buckets().isEmpty()) {
                continue;
            }
            pending.add(new Pending(item, RedisKeys.seenEvent(item.workspaceId(), event.id())));
            touched.buckets().forEach(key -> stateKeys.add(bucketKeys.computeIfAbsent(key, RedisKeys::bucket)));
            touched.composites().forEach(key -> stateKeys.add(RedisKeys.composite(key)));
            window = max(window, longestWindow(index, item.workspaceId(), event));
        }
        return new BatchPlan(pending, List.copyOf(stateKeys), bucketKeys, window);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    List<String> seenKeys() {
        return pending.stream().map(Pending::seenKey).toList();
    }

    /**
     * Runs the engine, in order, over the events {@code loaded} does not already count, on a write-back
     * copy of the loaded state (flushed into the snapshot the commit writes).
     */
    Evaluated evaluate(AutomationEvaluator engine, TriggerIndex index, LoadedBatch loaded, Set<BucketKey> refused) {
        List<String> evaluated = new ArrayList<>(pending.size());
        List<AutomationFiring> firings = new ArrayList<>();
        Set<String> counted = new HashSet<>(loaded.seen());
        WriteBackState working = new WriteBackState(loaded.snapshot());
        for (Pending each : pending) {
            if (!counted.add(each.seenKey())) {
                continue;
            }
            firings.addAll(engine.onEvent(index, each.item().workspaceId(), each.item().event(), working, refused));
            evaluated.add(each.seenKey());
        }
        working.flush();
        return new Evaluated(evaluated, firings);
    }

    private static Duration longestWindow(TriggerIndex index, UUID workspaceId, ReceivedEvent event) {
        Duration longest = Duration.ZERO;
        for (TriggerIndex.Entry entry : index.candidates(workspaceId, event)) {
            longest = max(longest, entry.evaluator().trigger().within());
            for (CompositeTrigger ancestor : entry.ancestors()) {
                if (ancestor.within() != null) {
                    longest = max(longest, ancestor.within());
                }
            }
        }
        return longest;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
