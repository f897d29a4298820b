package dev.vigil.evaluator.event;

import dev.vigil.evaluator.action.FiringPublisher;
import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.bucket.RedisStateRepository;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.AutomationEvaluator.Touched;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.event.ReceivedEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Evaluates one event live: loads the buckets it touches from Redis, runs the pure engine, and
 * commits atomically (retrying when another replica changed a bucket meanwhile); then publishes
 * the firings. An event id is counted once, however often it is delivered.
 */
@ApplicationScoped
public class EventEvaluationService {

    /** Log events are never evaluated, as in Prefect. */
    private static final String LOG_EVENT = "prefect.log.write";

    private final AutomationCatalog catalog;
    private final RedisStateRepository buckets;
    private final FiringPublisher publisher;
    private final EvaluatorConfig config;
    private final AutomationEvaluator engine = new AutomationEvaluator();

    public EventEvaluationService(AutomationCatalog catalog, RedisStateRepository buckets,
                                  FiringPublisher publisher, EvaluatorConfig config) {
        this.catalog = catalog;
        this.buckets = buckets;
        this.publisher = publisher;
        this.config = config;
    }

    public Uni<Void> evaluate(UUID workspaceId, ReceivedEvent event) {
        if (event.id() == null || LOG_EVENT.equals(event.event())) {
            return Uni.createFrom().voidItem();
        }
        return catalog.index().chain(index -> {
            Touched keys = engine.touchedBy(index, workspaceId, event);
            if (keys.buckets().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return evaluateAndCommit(index, workspaceId, event, keys, config.casRetries())
                    .chain(firings -> publisher.publish(firings));
        });
    }

    private Uni<List<AutomationFiring>> evaluateAndCommit(TriggerIndex index, UUID workspaceId, ReceivedEvent event,
                                                          Touched keys, int retriesLeft) {
        return buckets.load(workspaceId, event.id(), keys).chain(loaded -> {
            if (loaded.alreadySeen()) {
                return Uni.createFrom().item(List.<AutomationFiring>of());
            }
            List<AutomationFiring> firings = engine.onEvent(index, workspaceId, event, loaded.snapshot());
            return buckets.commit(workspaceId, event.id(), loaded.snapshot(), longestWindow(index, workspaceId, event))
                    .chain(result -> switch (result) {
                        case OK -> Uni.createFrom().item(firings);
                        case DUPLICATE -> Uni.createFrom().item(List.<AutomationFiring>of());
                        case CONFLICT -> retry(index, workspaceId, event, keys, retriesLeft);
                    });
        });
    }

    private Uni<List<AutomationFiring>> retry(TriggerIndex index, UUID workspaceId, ReceivedEvent event,
                                              Touched keys, int retriesLeft) {
        if (retriesLeft <= 0) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "event " + event.id() + ": buckets kept changing under concurrent evaluation"));
        }
        Log.debugf("Bucket conflict on event %s, re-evaluating", event.id());
        return evaluateAndCommit(index, workspaceId, event, keys, retriesLeft - 1);
    }

    private static Duration longestWindow(TriggerIndex index, UUID workspaceId, ReceivedEvent event) {
        Duration longest = Duration.ZERO;
        for (TriggerIndex.Entry entry : index.candidates(workspaceId, event)) {
            Duration within = entry.evaluator().trigger().within();
            for (var ancestor : entry.ancestors()) {
                if (ancestor.within() != null && ancestor.within().compareTo(within) > 0) {
                    within = ancestor.within();
                }
            }
            if (within.compareTo(longest) > 0) {
                longest = within;
            }
        }
        return longest;
    }
}
