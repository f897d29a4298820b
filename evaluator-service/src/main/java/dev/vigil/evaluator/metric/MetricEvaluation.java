package dev.vigil.evaluator.metric;

import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.bucket.StateSnapshot;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.outbox.Committed;
import dev.vigil.evaluator.outbox.FiringDelivery;
import dev.vigil.evaluator.outbox.FiringOutbox;
import dev.vigil.evaluator.state.OutboxEntry;
import dev.vigil.evaluator.state.RedisStateRepository;
import dev.vigil.evaluator.state.RedisStateRepository.CommitResult;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Evaluates the metric triggers periodically, on the proactive timers' poll and at the event-time watermark:
 * each trigger every {@link MetricTriggerEvaluator#INTERVAL}. An evaluation reads the trigger's runs and its
 * watch, runs the pure state machine, and commits the watch with the same compare-and-set script as buckets,
 * its firings going to the outbox in the same commit. Replicas share the watch: one that finds it evaluated
 * less than an interval ago skips, and of two evaluating at once one commits and the other reads again.
 */
@ApplicationScoped
public class MetricEvaluation {

    private final FlowRunRepository runs;
    private final RedisStateRepository state;
    private final FiringOutbox outbox;
    private final FiringDelivery delivery;
    private final EvaluatorConfig config;
    /** When this process next looks at each trigger. */
    private final Map<UUID, Instant> nextLook = new ConcurrentHashMap<>();

    public MetricEvaluation(FlowRunRepository runs, RedisStateRepository state, FiringOutbox outbox,
                            FiringDelivery delivery, EvaluatorConfig config) {
        this.config = config;
        this.runs = runs;
        this.state = state;
        this.outbox = outbox;
        this.delivery = delivery;
    }

    /** Evaluates every metric trigger due at {@code now}, one after the other; one failing stops none. */
    public Uni<Void> evaluateDue(TriggerIndex index, Instant now) {
        List<MetricTriggerEvaluator> metrics = index.metrics();
        Set<UUID> live = metrics.stream().map(m -> m.trigger().id()).collect(Collectors.toSet());
        nextLook.keySet().retainAll(live);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MetricTriggerEvaluator metric : metrics) {
            Instant next = nextLook.get(metric.trigger().id());
            if (next != null && now.isBefore(next)) {
                continue;
            }
            chain = chain.chain(() -> evaluate(metric, now)
                    .onFailure().invoke(e -> Log.warnf("Metric trigger %s could not be evaluated: %s",
                            metric.trigger().id(), e.getMessage()))
                    .onFailure().recoverWithNull().replaceWithVoid());
        }
        return chain;
    }

    /** Evaluates one metric trigger at {@code now}; returns the firings committed (none if another replica did). */
    public Uni<List<AutomationFiring>> evaluate(MetricTriggerEvaluator metric, Instant now) {
        return evaluate(metric, now, config.casRetries());
    }

    /** A {@code CONFLICT} (another replica committed the watch meanwhile) reads and evaluates again. */
    private Uni<List<AutomationFiring>> evaluate(MetricTriggerEvaluator metric, Instant now, int retriesLeft) {
        UUID id = metric.trigger().id();
        // The watch first: a replica that finds the trigger evaluated less than an interval ago reads no runs.
        return state.load(List.of(), List.of(RedisKeys.metricWatch(metric.key())))
                .chain(loaded -> {
                    StateSnapshot snapshot = loaded.snapshot();
                    Optional<MetricWatch> watch = snapshot.watch(metric.key());
                    if (!metric.due(watch, now)) {
                        nextLook.put(id, watch.orElseThrow().checked().plus(MetricTriggerEvaluator.INTERVAL));
                        return Uni.createFrom().item(List.<AutomationFiring>of());
                    }
                    return runs.runs(metric.key()).chain(known -> commit(metric, now, snapshot, known, retriesLeft));
                });
    }

    private Uni<List<AutomationFiring>> commit(MetricTriggerEvaluator metric, Instant now, StateSnapshot snapshot,
                                               List<FlowRun> known, int retriesLeft) {
        UUID id = metric.trigger().id();
        List<AutomationFiring> firings = metric.evaluate(known, now, snapshot);
        List<OutboxEntry> entries = outbox.entriesFor(firings);
        var query = metric.trigger().metric();
        return state.commit(List.of(), snapshot, query.range().plus(query.firingFor()), entries).chain(result -> {
            if (result == CommitResult.CONFLICT && retriesLeft > 0) {
                return evaluate(metric, now, retriesLeft - 1);
            }
            nextLook.put(id, now.plus(MetricTriggerEvaluator.INTERVAL));
            if (result != CommitResult.OK) {
                return Uni.createFrom().item(List.<AutomationFiring>of());
            }
            return delivery.publishAndClear(new Committed(firings, entries)).replaceWith(firings);
        });
    }
}
