package dev.vigil.evaluator.event;

import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.event.BatchCommit.CommittedBatch;
import dev.vigil.evaluator.guard.BucketQuota;
import dev.vigil.evaluator.metric.MetricRecorder;
import dev.vigil.evaluator.outbox.Committed;
import dev.vigil.evaluator.outbox.FiringDelivery;
import dev.vigil.evaluator.outbox.FiringOutbox;
import dev.vigil.evaluator.state.RedisStateRepository;
import dev.vigil.evaluator.state.RedisStateRepository.Marks;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.event.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Evaluates events live, a polled batch at a time. The live path is a straight line per batch:
 * <ol>
 *   <li><b>load state</b>: every bucket and composite state the batch touches, and which of its events were
 *   already counted, in one {@code MGET};</li>
 *   <li><b>evaluate</b>: the pure engine over the events in order;</li>
 *   <li><b>commit</b>: the whole batch with one compare-and-set script, re-reading and re-evaluating when
 *   another replica changed a key meanwhile (steps 1 to 3: {@link BatchCommit}). The same script writes the
 *   firings to the outbox ({@link FiringOutbox});</li>
 *   <li><b>hand off the firings</b>: they are published in order, and their outbox entries removed (with the
 *   next state read, or the next outbox sweep);</li>
 *   <li><b>release followers</b>: the events that waited for this batch's events, through the same steps.</li>
 * </ol>
 * An event id is counted once, however often it is delivered, and a firing committed is published at least
 * once: if this process dies or the broker fails before the entries are removed, the outbox sweep
 * republishes them with the same ids.
 *
 * <p>Metric triggers: before step 1, the flow-run state events of the batch are merged into the runs of the
 * metric triggers that select them ({@link MetricRecorder}); the triggers are evaluated on the timers' poll.
 *
 * <p>Causal ordering: an event whose {@code follows} names an event not yet evaluated waits for it
 * ({@link CausalOrdering}); the batch's commit also marks its events evaluated and returns the
 * followers that waited for any of them, which are evaluated right after the batch is published, depth
 * first, up to {@code vigil.evaluator.causal-ordering.max-depth} (beyond it a follower is evaluated without
 * releasing its own).
 *
 * <p>Round trips per batch: the {@code MGET} (with the removal of the previous batch's published outbox
 * entries pipelined before it) and the commit. One is not possible with optimistic concurrency: the
 * engine runs here, between the read and the compare-and-set, so the write cannot go with the read.
 */
@ApplicationScoped
public class EventEvaluationService {

    /** An event with the workspace it belongs to. */
    public record WorkspaceEvent(UUID workspaceId, ReceivedEvent event) {
    }

    /** Work a batch leaves: a follower it released, then, once a leader's followers are done, dropping them. */
    private sealed interface FollowUp permits EvaluateFollower, ForgetFollowers {
    }

    /** A released follower; {@code leaderDepth} is the depth of the batch that released it. */
    private record EvaluateFollower(WorkspaceEvent follower, int leaderDepth) implements FollowUp {
    }

    private record ForgetFollowers(WorkspaceEvent leader, List<CausalOrdering.Follower> followers)
            implements FollowUp {
    }

    private final AutomationCatalog catalog;
    private final FiringOutbox outbox;
    private final FiringDelivery delivery;
    private final EvaluatorConfig config;
    private final CausalOrdering causal;
    private final AutomationEvaluator engine = new AutomationEvaluator();
    private final BatchCommit commits;
    private final MetricRecorder metrics;

    public EventEvaluationService(AutomationCatalog catalog, RedisStateRepository state,
                                  FiringOutbox outbox, FiringDelivery delivery, EvaluatorConfig config,
                                  CausalOrdering causal, BucketQuota bucketQuota, MetricRecorder metrics) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.outbox = outbox;
        this.delivery = delivery;
        this.config = config;
        this.causal = causal;
        this.commits = new BatchCommit(engine, state, outbox, bucketQuota, config);
    }

    /**
     * Evaluates a consumed batch in order: each run of events as one batch, except that an event naming
     * the event it {@code follows} goes through {@link #evaluate(UUID, ReceivedEvent)} alone, in its place.
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
            chain = chain.chain(() -> live(before))
                    .chain(() -> evaluate(item.workspaceId(), item.event()));
        }
        List<WorkspaceEvent> rest = List.copyOf(run);
        return chain.chain(() -> live(rest));
    }

    /**
     * Evaluates one event on its own and publishes its firings. An event that {@code follows} one not
     * yet evaluated waits for it instead, if some trigger looks at it (so nothing waits where no sweep looks).
     */
    public Uni<Void> evaluate(UUID workspaceId, ReceivedEvent event) {
        if (event.follows() == null) {
            return evaluateWithoutWaiting(workspaceId, event);
        }
        return catalog.index()
                .chain(index -> engine.touchedBy(index, workspaceId, event).buckets().isEmpty()
                        ? Uni.createFrom().item(false) : causal.parkIfEarly(workspaceId, event))
                .chain(parked -> parked ? Uni.createFrom().voidItem() : evaluateWithoutWaiting(workspaceId, event));
    }

    /** Evaluates the event now, whatever it follows, then, right after it, the followers that waited for it. */
    public Uni<Void> evaluateWithoutWaiting(UUID workspaceId, ReceivedEvent event) {
        return live(List.of(new WorkspaceEvent(workspaceId, event)));
    }

    /**
     * Evaluates a run of events, none of which names one it {@code follows}, against the automations of
     * {@code index}, as live evaluation does: commits, publishes, and evaluates the followers released.
     */
    public Uni<Void> evaluateRun(TriggerIndex index, List<WorkspaceEvent> events) {
        return live(index, events);
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
        return metrics.record(index, events)
                .chain(() -> commits.run(index, events, Marks.NONE)).map(CommittedBatch::committed);
    }

    private Uni<Void> live(List<WorkspaceEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return catalog.index().chain(index -> live(index, events));
    }

    /** The live path: the batch, then the followers it released (and theirs), depth first. */
    private Uni<Void> live(TriggerIndex index, List<WorkspaceEvent> events) {
        Deque<FollowUp> followUps = new ArrayDeque<>();
        return batch(index, events, 0, followUps).chain(() -> drain(followUps));
    }

    /**
     * One batch: load state, evaluate, commit (with marks recording its events as evaluated); hand off the
     * firings (their outbox entries are removed with the next state read); queue the followers released.
     */
    private Uni<Void> batch(TriggerIndex index, List<WorkspaceEvent> events, int depth, Deque<FollowUp> followUps) {
        List<WorkspaceEvent> leaders = events.stream().filter(BatchPlan::evaluable).toList();
        List<CausalOrdering.EventRef> refs = leaders.stream()
                .map(item -> new CausalOrdering.EventRef(item.workspaceId(), item.event().id())).toList();
        return metrics.record(index, events)
                .chain(() -> commits.run(index, events, causal.marks(refs)))
                .chain(batch -> {
                    List<List<CausalOrdering.Follower>> released = causal.released(refs, batch.released());
                    return delivery.publish(batch.committed()).invoke(outbox::removeLater)
                            .invoke(() -> queueFirst(followUps, followUpsOf(leaders, released, depth)));
                })
                .replaceWithVoid();
    }

    /** Per leader, in order: its released followers, then dropping them from the wait list. */
    private static List<FollowUp> followUpsOf(List<WorkspaceEvent> leaders,
                                              List<List<CausalOrdering.Follower>> released, int depth) {
        List<FollowUp> work = new ArrayList<>();
        for (int i = 0; i < leaders.size(); i++) {
            List<CausalOrdering.Follower> followers = released.get(i);
            if (followers.isEmpty()) {
                continue;
            }
            WorkspaceEvent leader = leaders.get(i);
            for (CausalOrdering.Follower follower : followers) {
                work.add(new EvaluateFollower(new WorkspaceEvent(leader.workspaceId(), follower.event()), depth));
            }
            work.add(new ForgetFollowers(leader, followers));
        }
        return work;
    }

    /** Ahead of what is queued, so that a follower's own followers come before its leader's next one. */
    private static void queueFirst(Deque<FollowUp> followUps, List<FollowUp> work) {
        for (int i = work.size() - 1; i >= 0; i--) {
            followUps.addFirst(work.get(i));
        }
    }

    private Uni<Void> drain(Deque<FollowUp> followUps) {
        FollowUp next = followUps.pollFirst();
        if (next == null) {
            return Uni.createFrom().voidItem();
        }
        return followUp(next, followUps).chain(() -> drain(followUps));
    }

    private Uni<Void> followUp(FollowUp next, Deque<FollowUp> followUps) {
        if (next instanceof ForgetFollowers forget) {
            return causal.forget(forget.leader().workspaceId(), forget.leader().event().id(), forget.followers());
        }
        EvaluateFollower released = (EvaluateFollower) next;
        List<WorkspaceEvent> alone = List.of(released.follower());
        if (released.leaderDepth() < config.causalOrdering().maxDepth()) {
            return catalog.index().chain(index -> batch(index, alone, released.leaderDepth() + 1, followUps));
        }
        // At the depth bound: committed without marks, so it releases none of its own followers.
        return evaluateAndCommit(alone).chain(delivery::publishAndClear);
    }
}
