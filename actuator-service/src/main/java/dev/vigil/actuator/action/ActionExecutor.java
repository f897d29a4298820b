package dev.vigil.actuator.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.delivery.DeliveryLog;
import dev.vigil.actuator.delivery.Execution;
import dev.vigil.actuator.delivery.ExecutionStatus;
import dev.vigil.actuator.delivery.RunSlot;
import dev.vigil.actuator.event.ActionEvents;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.support.event.EventPublisher;
import dev.vigil.support.vertx.VertxDelay;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one action message once in effect:
 * <ol>
 * <li>claims its idempotency key in the {@link ActionLedger}: a finished action is skipped, one
 * another owner runs is waited for (its claim expires soon if that owner crashed, since only a live
 * owner's {@link ClaimHeartbeat} renews it, and then this one takes over); while Redis cannot be
 * reached, the claim is tried again at the same pace;</li>
 * <li>opens its execution in the {@link DeliveryLog}: one that reached a final status there (the
 * ledger forgot it) is skipped too;</li>
 * <li>emits the triggered event while it runs the handler (every call carries the key as
 * {@code Idempotency-Key}, so a takeover after a crash between the call and the commit is
 * deduplicated by the target), records the outcome, then emits executed or failed while it marks the
 * ledger.</li>
 * </ol>
 * The heartbeat renews the claim from the claim until the outcome is recorded. An unexpected error
 * releases the claim and propagates, so the message is redelivered. A ledger mark that fails once the
 * outcome is in the delivery log only logs: the log keeps the action from running again, and the
 * claim expires.
 */
@ApplicationScoped
public class ActionExecutor {

    private final ActionLedger ledger;
    private final ClaimHeartbeat heartbeat;
    private final DeliveryLog log;
    private final ActionDispatcher dispatcher;
    private final EventPublisher events;
    private final ActuatorConfig config;
    private final Vertx vertx;

    public ActionExecutor(ActionLedger ledger, ClaimHeartbeat heartbeat, DeliveryLog log, ActionDispatcher dispatcher,
                          EventPublisher events, ActuatorConfig config, Vertx vertx) {
        this.ledger = ledger;
        this.heartbeat = heartbeat;
        this.log = log;
        this.dispatcher = dispatcher;
        this.events = events;
        this.config = config;
        this.vertx = vertx;
    }

    public Uni<Void> execute(ActionMessage message) {
        try {
            return execute(message, VigilJson.mapper().writeValueAsString(message), RunSlot.NONE);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /**
     * {@link #execute(ActionMessage)} of a message that arrived as {@code json}, kept as is in the delivery log, in a
     * running slot given up while the action waits.
     */
    public Uni<Void> execute(ActionMessage message, String json, RunSlot slot) {
        String owner = UUID.randomUUID().toString();
        long giveUpAt = System.nanoTime() + config.claimWait().toNanos();
        return claim(message, owner, giveUpAt, slot).chain(claim -> {
            if (claim != ActionLedger.Claim.CLAIMED) {
                Log.debugf("Action %s already finished; skipped", message.idempotencyKey());
                return Uni.createFrom().voidItem();
            }
            return whileClaimed(message, owner, log.open(message, json).chain(execution -> {
                if (execution.status().terminal()) {
                    Log.debugf("Action %s already %s in the delivery log; skipped", message.idempotencyKey(),
                            execution.status().wire());
                    return Uni.createFrom().item(Outcome.silent(execution.status()));
                }
                return run(message, delivery(message, execution, slot));
            }));
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
            String owner = UUID.randomUUID().toString();
            return log.message(executionId)
                    .call(message -> ledger.claimForRedelivery(message, owner))
                    .chain(message -> whileClaimed(message, owner, run(message, delivery(message, execution, RunSlot.NONE))))
                    .chain(() -> log.find(workspaceId, executionId));
        });
    }

    private Uni<ActionLedger.Claim> claim(ActionMessage message, String owner, long giveUpAt, RunSlot slot) {
        return ledger.claim(message, owner)
                .onFailure().recoverWithUni(failure -> {
                    Log.debugf("Claiming action %s failed (%s); trying again", message.idempotencyKey(),
                            failure.getMessage());
                    return Uni.createFrom().item(ActionLedger.Claim.BUSY);
                })
                .chain(claim -> {
                    if (claim != ActionLedger.Claim.BUSY) {
                        return Uni.createFrom().item(claim);
                    }
                    if (System.nanoTime() - giveUpAt > 0) {
                        return Uni.createFrom().failure(new IllegalStateException("Action " + message.idempotencyKey()
                                + " stayed claimed by another owner (or Redis unreachable) for " + config.claimWait()));
                    }
                    Uni<Void> poll = VertxDelay.of(vertx, config.claimPollInterval().toMillis());
                    return slot.awayDuring(poll).chain(() -> claim(message, owner, giveUpAt, slot));
                });
    }

    /**
     * An action's outcome once it is in the delivery log, and the event that announces it, not sent yet:
     * the event and the ledger's mark go out together (see {@link #whileClaimed}).
     */
    private record Outcome(ExecutionStatus status, Uni<Void> announcement) {

        static Outcome silent(ExecutionStatus status) {
            return new Outcome(status, Uni.createFrom().voidItem());
        }
    }

    /**
     * Runs {@code work} under a renewed claim until its outcome is in the delivery log, then announces
     * the outcome and marks the ledger at the same time, and is over when both are. Their order does
     * not matter for exactly-once: once the delivery log has the final status, a redelivered message is
     * skipped whatever the ledger says, and the event would not be sent again either way (a crash before
     * the broker has it loses it in both orders, as before). An announcement that fails still fails the
     * action (the message is nacked) once the mark is over.
     */
    private Uni<Void> whileClaimed(ActionMessage message, String owner, Uni<Outcome> work) {
        String key = ActionLedger.key(message);
        heartbeat.hold(key, owner);
        return work
                .onTermination().invoke(() -> heartbeat.drop(key, owner))
                .onFailure().call(() -> ledger.release(message, owner)
                        .onFailure().invoke(e -> Log.warnf("Releasing the claim of action %s failed (%s); it expires",
                                message.idempotencyKey(), e.getMessage()))
                        .onFailure().recoverWithNull())
                .chain(outcome -> Uni.combine().all()
                        .unis(outcome.announcement()
                                        .map(sent -> Optional.<Throwable>empty())
                                        .onFailure().recoverWithItem(Optional::of),
                                mark(message, owner, outcome.status()))
                        .with((announced, marked) -> announced)
                        .chain(announced -> announced.isEmpty() ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(announced.get())));
    }

    /** Records the outcome in the ledger; never fails (the delivery log has the outcome already). */
    private Uni<Void> mark(ActionMessage message, String owner, ExecutionStatus status) {
        return ledger.finish(message, owner, status)
                .invoke(written -> {
                    if (!written) {
                        Log.infof("Action %s was taken over by another owner before it finished here",
                                message.idempotencyKey());
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Recording action %s as %s in the ledger failed (%s);"
                        + " the delivery log has it", message.idempotencyKey(), status.wire(), e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Runs the handler and records the outcome in the delivery log; the event announcing it is left to send. */
    private Uni<Outcome> run(ActionMessage message, Delivery delivery) {
        // The triggered event goes out while the handler runs; its outcome is recorded only once the broker has it.
        CompletableFuture<Void> triggered = events.publish(message.workspaceId(),
                ActionEvents.triggered(message, delivery.generation())).subscribeAsCompletionStage();
        Uni<Void> triggeredSent = Uni.createFrom().completionStage(triggered);
        return dispatcher.execute(message, delivery)
                .call(() -> triggeredSent)
                .onFailure(ActionFailedException.class).call(() -> triggeredSent)
                .chain(result -> log.finish(delivery.executionId(), ExecutionStatus.SUCCEEDED, null)
                        .replaceWith(new Outcome(ExecutionStatus.SUCCEEDED, Uni.createFrom().deferred(() ->
                                events.publish(message.workspaceId(),
                                        ActionEvents.executed(message, result, delivery.generation()))))))
                .onFailure(ActionFailedException.class).recoverWithUni(failure ->
                        reportFailure(message, delivery, (ActionFailedException) failure));
    }

    private Uni<Outcome> reportFailure(ActionMessage message, Delivery delivery, ActionFailedException failure) {
        Log.infof("Action %s (%s) failed: %s", message.idempotencyKey(), message.action().type(), failure.getMessage());
        return log.finish(delivery.executionId(), ExecutionStatus.FAILED, failure.getMessage())
                .replaceWith(new Outcome(ExecutionStatus.FAILED, Uni.createFrom().deferred(() ->
                        events.publish(message.workspaceId(), ActionEvents.failed(message, failure.getMessage(),
                                failure.details(), delivery.generation())))));
    }

    private static Delivery delivery(ActionMessage message, Execution execution, RunSlot slot) {
        return new Delivery(execution.id(), message.workspaceId(), message.action().type(), message.idempotencyKey(),
                execution.redeliveries(), slot);
    }
}
