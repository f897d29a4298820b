package dev.vigil.evaluator.timer;

import dev.vigil.evaluator.bucket.StateSnapshot;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.outbox.Committed;
import dev.vigil.evaluator.outbox.FiringOutbox;
import dev.vigil.evaluator.state.OutboxEntry;
import dev.vigil.evaluator.state.RedisStateRepository;
import dev.vigil.evaluator.trigger.AutomationEvaluator.Touched;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Evaluates timers against the state they touch and commits the outcome with the same compare-and-set as
 * events (firings to the outbox in the same commit); a {@code CONFLICT} re-reads and re-evaluates.
 */
@ApplicationScoped
class TimerCommits {

    private final RedisStateRepository state;
    private final FiringOutbox outbox;
    private final EvaluatorConfig config;

    TimerCommits(RedisStateRepository state, FiringOutbox outbox, EvaluatorConfig config) {
        this.state = state;
        this.outbox = outbox;
        this.config = config;
    }

    Uni<Committed> commit(TriggerIndex index, UUID workspace, Touched touched,
                          Function<StateSnapshot, List<AutomationFiring>> evaluation) {
        return commit(index, workspace, touched, config.casRetries(), evaluation);
    }

    private Uni<Committed> commit(TriggerIndex index, UUID workspace, Touched touched, int retriesLeft,
                                  Function<StateSnapshot, List<AutomationFiring>> evaluation) {
        return state.load(workspace, null, touched).chain(loaded -> {
            List<AutomationFiring> firings = evaluation.apply(loaded.snapshot());
            List<OutboxEntry> entries = outbox.entriesFor(firings);
            return state.commit(workspace, null, loaded.snapshot(), index.longestWithin(), entries)
                    .chain(result -> switch (result) {
                        case OK -> Uni.createFrom().item(new Committed(firings, entries));
                        case DUPLICATE -> Uni.createFrom().item(Committed.NOTHING);
                        case CONFLICT -> retriesLeft > 0
                                ? commit(index, workspace, touched, retriesLeft - 1, evaluation)
                                : Uni.createFrom().failure(new IllegalStateException(
                                        "timer state kept changing under concurrent evaluation"));
                    });
        });
    }
}
