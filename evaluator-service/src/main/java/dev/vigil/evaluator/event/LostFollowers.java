package dev.vigil.evaluator.event;

import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.config.EvaluatorConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Evaluates followers whose leader did not come within the wait bound, as Prefect's periodic task does. */
@ApplicationScoped
public class LostFollowers {

    private final AutomationCatalog catalog;
    private final CausalOrdering ordering;
    private final EventEvaluationService evaluation;
    private final EvaluatorConfig config;

    public LostFollowers(AutomationCatalog catalog, CausalOrdering ordering, EventEvaluationService evaluation,
                         EvaluatorConfig config) {
        this.catalog = catalog;
        this.ordering = ordering;
        this.evaluation = evaluation;
        this.config = config;
    }

    @Scheduled(every = "${vigil.evaluator.causal-ordering.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        if (!config.causalOrdering().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return catalog.index().chain(index -> {
            // Followers only wait in workspaces that have automations (see EventEvaluationService).
            Set<UUID> workspaces = index.workspaces();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID workspace : workspaces) {
                chain = chain.chain(() -> ordering.claimLost(workspace)
                        .chain(lost -> evaluateAll(workspace, lost)));
            }
            return chain;
        }).onFailure().invoke(e -> Log.warnf("Sweeping lost followers failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> evaluateAll(UUID workspace, List<dev.vigil.model.event.ReceivedEvent> lost) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var event : lost) {
            chain = chain.chain(() -> evaluation.evaluateWithoutWaiting(workspace, event));
        }
        return chain;
    }
}
