package dev.vigil.evaluator.replay;

import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.InMemoryEngineState;
import dev.vigil.evaluator.metric.InMemoryMetricState;
import dev.vigil.evaluator.metric.MetricTriggerEvaluator;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.trigger.Posture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Replays events through the live engine's code with in-memory state and a virtual clock. Nothing
 * is executed or stored. The rules of virtual time:
 * <ol>
 *   <li>the automation is loaded at {@code start};</li>
 *   <li>events are processed in list order, "now" being each event's {@code occurred};</li>
 *   <li>before an event at t, every proactive evaluation due strictly before t runs;</li>
 *   <li>after the last event, every evaluation due at or before {@code until} runs;</li>
 *   <li>expired reactive windows are swept {@value #SWEEP_SECONDS} s after their end;</li>
 *   <li>an event that follows a later event of the list is processed right after that leader;</li>
 *   <li>metric triggers are evaluated every {@link MetricTriggerEvaluator#INTERVAL} from {@code start}: before an
 *   event at t, every evaluation strictly before t; after the last event, every one up to {@code until}.</li>
 * </ol>
 */
public final class BacktestRunner {

    static final long SWEEP_SECONDS = 60;
    private static final Duration SWEEP_AFTER = Duration.ofSeconds(SWEEP_SECONDS);

    private final AutomationEvaluator engine = new AutomationEvaluator();

    public List<AutomationFiring> run(UUID workspaceId, Automation automation, Instant start,
                                      List<ReceivedEvent> events, Instant until) {
        TriggerIndex index = new TriggerIndex(List.of(new TriggerIndex.Indexed(workspaceId, automation)));
        InMemoryEngineState state = new InMemoryEngineState();
        List<AutomationFiring> firings = new ArrayList<>();
        MetricClock metrics = new MetricClock(index.metrics(), start);
        engine.onLoad(index, start, state);
        for (ReceivedEvent event : inCausalOrder(events)) {
            Instant now = event.occurred().toInstant();
            firings.addAll(engine.onTime(index, now.minusNanos(1), state));
            firings.addAll(metrics.evaluateUpTo(now.minusNanos(1)));
            sweep(index, state, now);
            firings.addAll(engine.onEvent(index, workspaceId, event, state));
            metrics.record(event);
        }
        firings.addAll(engine.onTime(index, until, state));
        firings.addAll(metrics.evaluateUpTo(until));
        return firings;
    }

    /** The metric triggers' runs and watches in memory, and the next evaluation due. */
    private static final class MetricClock {

        private final List<MetricTriggerEvaluator> triggers;
        private final InMemoryMetricState state = new InMemoryMetricState();
        private Instant next;

        MetricClock(List<MetricTriggerEvaluator> triggers, Instant start) {
            this.triggers = triggers;
            this.next = start;
        }

        void record(ReceivedEvent event) {
            triggers.forEach(trigger -> trigger.record(event, state));
        }

        List<AutomationFiring> evaluateUpTo(Instant upTo) {
            if (triggers.isEmpty()) {
                return List.of();
            }
            List<AutomationFiring> firings = new ArrayList<>();
            for (; !next.isAfter(upTo); next = next.plus(MetricTriggerEvaluator.INTERVAL)) {
                for (MetricTriggerEvaluator trigger : triggers) {
                    firings.addAll(trigger.evaluate(state.runs(trigger.key()), next, state));
                }
            }
            return firings;
        }
    }

    /** List order, except that a follower of a later event waits until right after its leader. */
    static List<ReceivedEvent> inCausalOrder(List<ReceivedEvent> events) {
        Set<UUID> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.id()));
        Map<UUID, List<ReceivedEvent>> waiting = new HashMap<>();
        Set<UUID> processed = new HashSet<>();
        List<ReceivedEvent> ordered = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            UUID leader = event.follows();
            if (leader != null && !leader.equals(event.id()) && ids.contains(leader) && !processed.contains(leader)) {
                waiting.computeIfAbsent(leader, k -> new ArrayList<>()).add(event);
                continue;
            }
            release(event, waiting, processed, ordered);
        }
        waiting.values().forEach(ordered::addAll);
        return ordered;
    }

    private static void release(ReceivedEvent event, Map<UUID, List<ReceivedEvent>> waiting, Set<UUID> processed,
                                List<ReceivedEvent> ordered) {
        ordered.add(event);
        processed.add(event.id());
        List<ReceivedEvent> followers = waiting.remove(event.id());
        if (followers != null) {
            followers.forEach(follower -> release(follower, waiting, processed, ordered));
        }
    }

    private static void sweep(TriggerIndex index, InMemoryEngineState state, Instant now) {
        Instant cutoff = now.minus(SWEEP_AFTER);
        for (Map.Entry<BucketKey, dev.vigil.evaluator.bucket.Bucket> bucket : state.all().entrySet()) {
            TriggerIndex.Entry entry = index.byTriggerId(bucket.getKey().triggerId());
            boolean reactive = entry == null || entry.evaluator().trigger().posture() == Posture.Reactive;
            if (reactive && !bucket.getValue().end().isAfter(cutoff)) {
                state.delete(bucket.getKey());
            }
        }
    }
}
