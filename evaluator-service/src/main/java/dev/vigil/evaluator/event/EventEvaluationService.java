package dev.vigil.evaluator.event;

import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.bucket.WriteBackState;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.guard.BucketQuota;
import dev.vigil.evaluator.outbox.Committed;
import dev.vigil.evaluator.outbox.FiringDelivery;
import dev.vigil.evaluator.outbox.FiringOutbox;
import dev.vigil.evaluator.state.OutboxEntry;
import dev.vigil.evaluator.state.RedisStateRepository;
import dev.vigil.evaluator.state.RedisStateRepository.LoadedBatch;
import dev.vigil.evaluator.state.RedisStateRepository.Marks;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.AutomationEvaluator.Touched;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.trigger.CompositeTrigger;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
 * Evaluates events live, a polled batch at a time: loads every bucket and composite state the
 * batch touches, and which of its events were already counted, in one {@code MGET}; runs the pure
 * engine over the events in order; and commits the whole batch with one compare-and-set script,
 * re-reading and re-evaluating when another replica changed a key meanwhile. The same script writes
 * the firings to the outbox ({@link FiringOutbox}); then they are published in order, and their outbox
 * entries removed (with the next state read, or the next outbox sweep). An event id is counted once, however often it is delivered, and a firing committed
 * is published at least once: if this process dies or the broker fails before the entries are removed,
 * the outbox sweep republishes them with the same ids.
 *
 * <p>Causal ordering: an event whose {@code follows} names an event not yet evaluated waits for it
 * ({@link CausalOrdering}); the batch's commit also marks its events evaluated and returns the
 * followers that waited for any of them, which are evaluated right after the batch is published.
 *
 * <p>Round trips per batch: the {@code MGET} (with the removal of the previous batch's published outbox
 * entries pipelined before it) and the commit. One is not possible with optimistic concurrency: the
 * engine runs here, between the read and the compare-and-set, so the write cannot go with the read.
 */
@ApplicationScoped
public class EventEvaluationService {

    /** Log events are never evaluated, as in Prefect. */
    private static final String LOG_EVENT = "prefect.log.write";

    /** An event with the workspace it belongs to. */
    public record WorkspaceEvent(UUID workspaceId, ReceivedEvent event) {
    }

    /** An event of the batch that touches state, with its seen key. */
    private record Pending(WorkspaceEvent item, String seenKey) {
    }

    private final AutomationCatalog catalog;
    private final RedisStateRepository state;
    private final FiringOutbox outbox;
    private final FiringDelivery delivery;
    private final EvaluatorConfig config;
    private final CausalOrdering causal;
    private final BucketQuota bucketQuota;
    private final AutomationEvaluator engine = new AutomationEvaluator();

    public EventEvaluationService(AutomationCatalog catalog, RedisStateRepository state,
                                  FiringOutbox outbox, FiringDelivery delivery, EvaluatorConfig config,
                                  CausalOrdering causal, BucketQuota bucketQuota) {
        this.bucketQuota = bucketQuota;
        this.catalog = catalog;
        this.state = state;
        this.outbox = outbox;
        this.delivery = delivery;
        this.config = config;
        this.causal = causal;
    }

    /**
     * Evaluates one event on its own and publishes its firings. An event that {@code follows} one not
     * yet evaluated waits for it instead, if some trigger looks at it (so nothing waits where no sweep looks).
     */
    public Uni<Void> evaluate(UUID workspaceId, ReceivedEvent event) {
        if (event.follows() == null) {
            return evaluateInOrder(workspaceId, event, 0);
        }
        return catalog.index()
                .chain(index -> engine.touchedBy(index, workspaceId, event).buckets().isEmpty()
                        ? Uni.createFrom().item(false) : causal.parkIfEarly(workspaceId, event))
                .chain(parked -> parked ? Uni.createFrom().voidItem() : evaluateInOrder(workspaceId, event, 0));
    }

    /** Evaluates the event, then, right after it, the followers that waited for it (oldest first). */
    public Uni<Void> evaluateInOrder(UUID workspaceId, ReceivedEvent event, int depth) {
        return evaluateBatch(List.of(new WorkspaceEvent(workspaceId, event)), depth);
    }

    /**
     * Evaluates {@code events} in order and publishes their firings: each run of events as one
     * batch, except that an event naming the event it {@code follows} goes through
     * {@link #evaluate(UUID, ReceivedEvent)} alone, in its place.
     */
    public Uni<Void> evaluate(List<WorkspaceEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        List<WorkspaceEvent> run = new ArrayList<>();
        for (WorkspaceEvent item : events) {
            if (item.event() == null || item.event().follows() == null) {
                run.add(item);
                continue;
            }
            List<WorkspaceEvent> before = List.copyOf(run);
            run.clear();
            chain = chain.chain(() -> evaluateBatch(before))
                    .chain(() -> evaluate(item.workspaceId(), item.event()));
        }
        List<WorkspaceEvent> rest = List.copyOf(run);
        return chain.chain(() -> evaluateBatch(rest));
    }

    private Uni<Void> evaluateBatch(List<WorkspaceEvent> events) {
        return evaluateBatch(events, 0);
    }

    private Uni<Void> evaluateBatch(List<WorkspaceEvent> events, int depth) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return catalog.index().chain(index -> evaluateBatch(index, events, depth));
    }

    /**
     * Evaluates a run of events, none of which names one it {@code follows}, against the automations of
     * {@code index}, as live evaluation does: commits, publishes, and evaluates the followers released.
     */
    public Uni<Void> evaluateRun(TriggerIndex index, List<WorkspaceEvent> events) {
        return evaluateBatch(index, events, 0);
    }

    /** The events of a batch that other events may follow: every evaluated one. */
    private static List<WorkspaceEvent> leaders(List<WorkspaceEvent> events) {
        return events.stream()
                .filter(item -> item.event() != null && item.event().id() != null
                        && !LOG_EVENT.equals(item.event().event()))
                .toList();
    }

    private Uni<Void> evaluateBatch(TriggerIndex index, List<WorkspaceEvent> events, int depth) {
        List<WorkspaceEvent> leaders = leaders(events);
        List<CausalOrdering.EventRef> refs = leaders.stream()
                .map(item -> new CausalOrdering.EventRef(item.workspaceId(), item.event().id())).toList();
        // The commit also marks the events evaluated and returns the followers they release; the published
        // firings' outbox entries are removed with the next state read.
        return evaluateAndCommit(index, events, causal.marks(refs))
                .chain(batch -> delivery.publish(batch.committed()).invoke(outbox::removeLater)
                        .replaceWith(causal.released(refs, batch.released())))
                .chain(released -> evaluateFollowers(leaders, released, depth));
    }

    /** The followers released by each leader, in order; at the depth bound, without releasing theirs. */
    private Uni<Void> evaluateFollowers(List<WorkspaceEvent> leaders, List<List<CausalOrdering.Follower>> released,
                                        int depth) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < leaders.size(); i++) {
            List<CausalOrdering.Follower> followers = released.get(i);
            if (followers.isEmpty()) {
                continue;
            }
            WorkspaceEvent leader = leaders.get(i);
            for (CausalOrdering.Follower follower : followers) {
                WorkspaceEvent next = new WorkspaceEvent(leader.workspaceId(), follower.event());
                chain = chain.chain(() -> depth < config.causalOrdering().maxDepth()
                        ? evaluateBatch(List.of(next), depth + 1)
                        : evaluateAndCommit(List.of(next)).chain(delivery::publishAndClear));
            }
            chain = chain.chain(() -> causal.forget(leader.workspaceId(), leader.event().id(), followers));
        }
        return chain;
    }

    /**
     * Evaluates and commits {@code events} in order; the firings are in the outbox, not published (the
     * outbox sweep publishes them when their lease is over).
     */
    public Uni<Committed> evaluateAndCommit(List<WorkspaceEvent> events) {
        return catalog.index().chain(index -> evaluateAndCommit(index, events));
    }

    /** Evaluates and commits {@code events} in order against the automations of {@code index}. */
    public Uni<Committed> evaluateAndCommit(TriggerIndex index, List<WorkspaceEvent> events) {
        return evaluateAndCommit(index, events, Marks.NONE).map(CommittedBatch::committed);
    }

    /** What a batch's commit wrote to the outbox, and what its {@link Marks} returned. */
    private record CommittedBatch(Committed committed, List<List<String>> released) {

        static final CommittedBatch NOTHING = new CommittedBatch(Committed.NOTHING, List.of());
    }

    private Uni<CommittedBatch> evaluateAndCommit(TriggerIndex index, List<WorkspaceEvent> events, Marks marks) {
        List<Pending> pending = new ArrayList<>();
        Set<String> stateKeys = new LinkedHashSet<>();
        // Most buckets are touched by many events of a batch; their Redis keys take a digest to build.
        Map<BucketKey, String> bucketKeys = new HashMap<>();
        Duration window = Duration.ZERO;
        for (WorkspaceEvent item : events) {
            ReceivedEvent event = item.event();
            if (event == null || event.id() == null || LOG_EVENT.equals(event.event())) {
                continue;
            }
            Touched touched = engine.touchedBy(index, item.workspaceId(), event);
            if (touched.buckets().isEmpty()) {
                continue;
            }
            pending.add(new Pending(item, RedisKeys.seenEvent(item.workspaceId(), event.id())));
            touched.buckets().forEach(key -> stateKeys.add(bucketKeys.computeIfAbsent(key, RedisKeys::bucket)));
            touched.composites().forEach(key -> stateKeys.add(RedisKeys.composite(key)));
            window = max(window, longestWindow(index, item.workspaceId(), event));
        }
        if (pending.isEmpty() && marks.count() == 0) {
            return Uni.createFrom().item(CommittedBatch.NOTHING);
        }
        StateToRead toRead = new StateToRead(List.copyOf(stateKeys), bucketKeys, window);
        return bucketQuota.refused(index, bucketKeys)
                .chain(refused -> evaluateAndCommit(index, pending, toRead, marks, refused, config.casRetries()));
    }

    /** The state keys a batch reads (with the bucket keys' names, already digested), and its longest window. */
    private record StateToRead(List<String> stateKeys, Map<BucketKey, String> bucketKeys, Duration window) {
    }

    private Uni<CommittedBatch> evaluateAndCommit(TriggerIndex index, List<Pending> pending, StateToRead toRead,
                                                  Marks marks, Set<BucketKey> refused, int retriesLeft) {
        List<String> seenKeys = pending.stream().map(Pending::seenKey).toList();
        List<OutboxEntry> removing = outbox.takePublished();
        return state.load(seenKeys, toRead.stateKeys(), outbox.removal(removing), toRead.bucketKeys())
                .onFailure().invoke(() -> outbox.removeLater(removing))
                .chain(loaded -> {
                    List<AutomationFiring> firings = new ArrayList<>();
                    List<String> evaluated = evaluateInOrder(index, pending, loaded, firings, refused);
                    if (evaluated.isEmpty() && marks.count() == 0) {
                        return Uni.createFrom().item(CommittedBatch.NOTHING);
                    }
                    List<OutboxEntry> entries = outbox.entriesFor(firings);
                    return state.commit(evaluated, loaded.snapshot(), toRead.window(), entries, marks)
                            .chain(commit -> switch (commit.result()) {
                                case OK -> Uni.createFrom().item(
                                        new CommittedBatch(new Committed(firings, entries), commit.released()));
                                // Another replica counted one of these events, or changed a key: re-read
                                // (skipping what it counted).
                                case DUPLICATE, CONFLICT -> retry(index, pending, toRead, marks, refused,
                                        retriesLeft);
                            });
                });
    }

    /** Runs the engine over the events not yet counted; returns the seen keys of those it evaluated. */
    private List<String> evaluateInOrder(TriggerIndex index, List<Pending> pending, LoadedBatch loaded,
                                         List<AutomationFiring> firings, Set<BucketKey> refused) {
        List<String> evaluated = new ArrayList<>(pending.size());
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
        return evaluated;
    }

    private Uni<CommittedBatch> retry(TriggerIndex index, List<Pending> pending, StateToRead toRead, Marks marks,
                                      Set<BucketKey> refused, int retriesLeft) {
        if (retriesLeft <= 0) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "a batch of " + pending.size() + " events: state kept changing under concurrent evaluation"));
        }
        Log.debugf("State conflict on a batch of %d events, re-evaluating", pending.size());
        return evaluateAndCommit(index, pending, toRead, marks, refused, retriesLeft - 1);
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
