package dev.vigil.actuator.action;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.delivery.DeliveryLog;
import dev.vigil.actuator.delivery.Execution;
import dev.vigil.actuator.delivery.ExecutionStatus;
import dev.vigil.actuator.event.ActionEvents;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.support.event.EventPublisher;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Runs one action message once in effect:
 * <ol>
 * <li>claims its idempotency key in the {@link ActionLedger}: a finished action is skipped, one
 * another owner runs is waited for (its claim expires if that owner crashed, and then this one
 * takes over);</li>
 * <li>opens its execution in the {@link DeliveryLog}: one that reached a final status there (the
 * ledger forgot it) is skipped too;</li>
 * <li>emits the triggered event, runs the handler (every call carries the key as
 * {@code Idempotency-Key}, so a takeover after a crash between the call and the commit is
 * deduplicated by the target), records the outcome, emits executed or failed, marks the ledger.</li>
 * </ol>
 * An unexpected error releases the claim and propagates, so the message is redelivered.
 */
@ApplicationScoped
public class ActionExecutor {

    private final ActionLedger ledger;
    private final DeliveryLog log;
    private final ActionDispatcher dispatcher;
    private final EventPublisher events;
    private final ActuatorConfig config;
    private final Vertx vertx;

    public ActionExecutor(ActionLedger ledger, DeliveryLog log, ActionDispatcher dispatcher, EventPublisher events,
                          ActuatorConfig config, Vertx vertx) {
        this.ledger = ledger;
        this.log = log;
        this.dispatcher = dispatcher;
        this.events = events;
        this.config = config;
        this.vertx = vertx;
    }

    public Uni<Void> execute(ActionMessage message) {
        String owner = UUID.randomUUID().toString();
        long giveUpAt = System.nanoTime() + config.claimTtl().toNanos() * 2;
        return claim(message, owner, giveUpAt).chain(claim -> {
            if (claim != ActionLedger.Claim.CLAIMED) {
                Log.debugf("Action %s already finished; skipped", message.idempotencyKey());
                return Uni.createFrom().voidItem();
            }
            return log.open(message).chain(execution -> {
                if (execution.status().terminal()) {
                    Log.debugf("Action %s already %s in the delivery log; skipped", message.idempotencyKey(),
                            execution.status().wire());
                    return mark(message, execution.status());
                }
                return run(message, delivery(message, execution));
            });
        });
    }

    /**
     * Runs a dead letter again. Null item when the execution is not (or no longer) failed, so two
     * concurrent redeliveries run it once.
     */
    public Uni<Execution> redeliver(UUID workspaceId, UUID executionId) {
        return log.reopen(workspaceId, executionId).chain(execution -> {
            if (execution == null) {
                return Uni.createFrom().nullItem();
            }
            return log.message(executionId)
                    .call(message -> ledger.claimForRedelivery(message, UUID.randomUUID().toString()))
                    .chain(message -> run(message, delivery(message, execution)))
                    .chain(() -> log.find(workspaceId, executionId));
        });
    }

    private Uni<ActionLedger.Claim> claim(ActionMessage message, String owner, long giveUpAt) {
        return ledger.claim(message, owner).chain(claim -> {
            if (claim != ActionLedger.Claim.BUSY) {
                return Uni.createFrom().item(claim);
            }
            if (System.nanoTime() - giveUpAt > 0) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Action " + message.idempotencyKey() + " stayed claimed by another owner"));
            }
            long pollMs = config.claimPollInterval().toMillis();
            return Uni.createFrom().<Void>emitter(e -> vertx.setTimer(pollMs, id -> e.complete(null)))
                    .chain(() -> claim(message, owner, giveUpAt));
        });
    }

    private Uni<Void> run(ActionMessage message, Delivery delivery) {
        return events.publish(message.workspaceId(), ActionEvents.triggered(message, delivery.generation()))
                .chain(() -> dispatcher.execute(message, delivery))
                .chain(result -> log.finish(delivery.executionId(), ExecutionStatus.SUCCEEDED, null)
                        .chain(() -> events.publish(message.workspaceId(),
                                ActionEvents.executed(message, result, delivery.generation())))
                        .chain(() -> ledger.markDone(message)))
                .onFailure(ActionFailedException.class).recoverWithUni(failure ->
                        reportFailure(message, delivery, (ActionFailedException) failure))
                .onFailure().call(() -> ledger.release(message));
    }

    private Uni<Void> reportFailure(ActionMessage message, Delivery delivery, ActionFailedException failure) {
        Log.infof("Action %s (%s) failed: %s", message.idempotencyKey(), message.action().type(), failure.getMessage());
        return log.finish(delivery.executionId(), ExecutionStatus.FAILED, failure.getMessage())
                .chain(() -> events.publish(message.workspaceId(), ActionEvents.failed(message, failure.getMessage(),
                        failure.details(), delivery.generation())))
                .chain(() -> ledger.markFailed(message));
    }

    private Uni<Void> mark(ActionMessage message, ExecutionStatus status) {
        return status == ExecutionStatus.SUCCEEDED ? ledger.markDone(message) : ledger.markFailed(message);
    }

    private static Delivery delivery(ActionMessage message, Execution execution) {
        return new Delivery(execution.id(), message.workspaceId(), message.action().type(), message.idempotencyKey(),
                execution.redeliveries());
    }
}
