package dev.vigil.evaluator.event;

import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.event.BatchPlan.Evaluated;
import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.guard.BucketQuota;
import dev.vigil.evaluator.outbox.Committed;
import dev.vigil.evaluator.outbox.FiringOutbox;
import dev.vigil.evaluator.state.OutboxEntry;
import dev.vigil.evaluator.state.RedisStateRepository;
import dev.vigil.evaluator.state.RedisStateRepository.LoadedBatch;
import dev.vigil.evaluator.state.RedisStateRepository.Marks;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.TriggerIndex;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Set;

/**
 * Load, evaluate, commit, for one batch: reads the state the batch touches and which of its events were
 * already counted in one {@code MGET} (with the removal of the outbox entries published since the last
 * read pipelined before it), runs the pure engine ({@link BatchPlan#evaluate}), and commits with one
 * compare-and-set script, which also writes the firings to the outbox and sets the batch's causal
 * {@link Marks}. When another replica counted one of the events or changed a key meanwhile, it reads and
 * evaluates again.
 */
final class BatchCommit {

    /** What a batch's commit wrote to the outbox, and what its {@link Marks} returned. */
    record CommittedBatch(Committed committed, List<List<String>> released) {

        static final CommittedBatch NOTHING = new CommittedBatch(Committed.NOTHING, List.of());
    }

    /** One batch as it is attempted: its plan against {@code index}, its marks, and the buckets refused new state. */
    private record Batch(TriggerIndex index, BatchPlan plan, Marks marks, Set<BucketKey> refused) {
    }

    private final AutomationEvaluator engine;
    private final RedisStateRepository state;
    private final FiringOutbox outbox;
    private final BucketQuota bucketQuota;
    private final EvaluatorConfig config;

    BatchCommit(AutomationEvaluator engine, RedisStateRepository state, FiringOutbox outbox, BucketQuota bucketQuota,
                EvaluatorConfig config) {
        this.engine = engine;
        this.state = state;
        this.outbox = outbox;
        this.bucketQuota = bucketQuota;
        this.config = config;
    }

    /** Evaluates and commits {@code events} in order; nothing is read or written if none touches state and there are no marks. */
    Uni<CommittedBatch> run(TriggerIndex index, List<WorkspaceEvent> events, Marks marks) {
        BatchPlan plan = BatchPlan.of(engine, index, events);
        if (plan.isEmpty() && marks.count() == 0) {
            return Uni.createFrom().item(CommittedBatch.NOTHING);
        }
        return bucketQuota.refused(index, plan.bucketKeys())
                .chain(refused -> attempt(new Batch(index, plan, marks, refused), config.casRetries()));
    }

    private Uni<CommittedBatch> attempt(Batch batch, int retriesLeft) {
        return load(batch.plan()).chain(loaded -> {
            Evaluated evaluated = batch.plan().evaluate(engine, batch.index(), loaded, batch.refused());
            if (evaluated.seenKeys().isEmpty() && batch.marks().count() == 0) {
                return Uni.createFrom().item(CommittedBatch.NOTHING);
            }
            return commit(batch, loaded, evaluated, retriesLeft);
        });
    }

    private Uni<LoadedBatch> load(BatchPlan plan) {
        List<String> seenKeys = plan.seenKeys();
        List<OutboxEntry> removing = outbox.takePublished();
        return state.load(seenKeys, plan.stateKeys(), outbox.removal(removing), plan.bucketKeys())
                .onFailure().invoke(() -> outbox.removeLater(removing));
    }

    private Uni<CommittedBatch> commit(Batch batch, LoadedBatch loaded, Evaluated evaluated, int retriesLeft) {
        List<OutboxEntry> entries = outbox.entriesFor(evaluated.firings());
        return state.commit(evaluated.seenKeys(), loaded.snapshot(), batch.plan().window(), entries, batch.marks())
                .chain(commit -> switch (commit.result()) {
                    case OK -> Uni.createFrom().item(
                            new CommittedBatch(new Committed(evaluated.firings(), entries), commit.released()));
                    // Another replica counted one of these events, or changed a key: re-read (skipping what it counted).
                    case DUPLICATE, CONFLICT -> retry(batch, retriesLeft);
                });
    }

    private Uni<CommittedBatch> retry(Batch batch, int retriesLeft) {
        int size = batch.plan().pending().size();
        if (retriesLeft <= 0) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "a batch of " + size + " events: state kept changing under concurrent evaluation"));
        }
        Log.debugf("State conflict on a batch of %d events, re-evaluating", size);
        return attempt(batch, retriesLeft - 1);
    }
}
