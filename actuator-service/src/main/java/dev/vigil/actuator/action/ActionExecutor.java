package dev.vigil.actuator.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.delivery.DeliveryLog;
import dev.vigil.actuator.delivery.Execution;
import dev.vigil.actuator.delivery.ExecutionStatus;
import dev.vigil.actuator.delivery.RetryLater;
import dev.vigil.actuator.delivery.RunSlot;
import dev.vigil.actuator.retry.RetryQueue;
import dev.vigil.actuator.event.ActionEventSender;
import dev.vigil.actuator.event.ActionEvents;
import dev.vigil.actuator.metrics.ActuatorMetrics;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.support.event.EventPublisher;
import dev.vigil.support.trace.Traces;
import dev.vigil.support.vertx.VertxDelay;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs one action message once in effect (the steps {@link BatchExecutor} shares between the messages of a batch
 * are the claim, the open and the triggered event; the rest is each action's own, here):
 * <ol>
 * <li>claims its idempotency key in the {@link ActionLedger}: a finished action is skipped, one
 * another owner runs is waited for (its claim expires soon if that owner crashed, since only a live
 * owner's {@link ClaimHeartbeat} renews it, and then this one takes over); while Redis cannot be
 * reached, the claim is tried again at the same pace;</li>
 * <li>opens its execution in the {@link DeliveryLog}: one that reached a final status there (the
 * ledger forgot it) is skipped too;</li>
 * <li>emits the triggered event while it runs the handler (every call carries the key as
 * {@code Idempotency-Key}, so a takeover after a crash between the call and the commit is
 * deduplicated by the target) in a running slot, records the outcome, then emits executed or failed while it
 * marks the ledger (both grouped with those of other actions finishing about then).</li>
 * </ol>
 * The heartbeat renews the claim from the claim until the outcome is recorded. An unexpected error
 * releases the claim and propagates, so the message is redelivered. A ledger mark that fails once the
 * outcome is in the delivery log only logs: the log keeps the action from running again, and the
 * claim expires.
 */
@ApplicationScoped
public class ActionExecutor {

    private static final String SPAN = "vigil.action";
    private static final AttributeKey<String> TYPE_ATTRIBUTE = AttributeKey.stringKey("vigil.action.type");
    private static final AttributeKey<String> KEY_ATTRIBUTE = AttributeKey.stringKey("vigil.action.idempotency_key");

    private final ActionLedger ledger;
    private final ClaimHeartbeat heartbeat;
    private final DeliveryLog log;
    private final ActionDispatcher dispatcher;
    private final EventPublisher events;
    private final ActionEventSender actionEvents;
    private final ActuatorConfig config;
    private final Vertx vertx;
    private final ActuatorMetrics metrics;
    private final Traces traces;
    private final RetryQueue retries;

    public ActionExecutor(ActionLedger ledger, ClaimHeartbeat heartbeat, DeliveryLog log, ActionDispatcher dispatcher,
                          EventPublisher events, ActionEventSender actionEvents, ActuatorConfig config, Vertx vertx,
                          ActuatorMetrics metrics, Traces traces, RetryQueue retries) {
        this.traces = traces;
        this.metrics = metrics;
        this.retries = retries;
        this.ledger = ledger;
        this.heartbeat = heartbeat;
        this.log = log;
        this.dispatcher = dispatcher;
        this.events = events;
        this.actionEvents = actionEvents;
        this.config = config;
        this.vertx = vertx;
    }

    public Uni<Void> execute(ActionMessage message) {
        try {
            return execute(message, VigilJson.mapper().writeValueAsString(message), SlotScope.UNBOUNDED, false);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /**
     * {@link #execute(ActionMessage)} of a message that arrived as {@code json}, kept as is in the delivery log, its
     * handler run in {@code slots}. Alone: the path of a message whose key another owner holds, and of a second
     * message of one key in a batch ({@link BatchExecutor} runs the others together). With {@code parksRetries}, a
     * retryable failure parks the action ({@link #run}); without, its backoffs are waited out here.
     */
    Uni<Void> execute(ActionMessage message, String json, SlotScope slots, boolean parksRetries) {
        String owner = UUID.randomUUID().toString();
        long giveUpAt = System.nanoTime() + config.claimWait().toNanos();
        return claim(message, owner, giveUpAt).chain(claim -> {
            if (claim != ActionLedger.Claim.CLAIMED) {
                Log.debugf("Action %s already finished; skipped", message.idempotencyKey());
                return Uni.createFrom().voidItem();
            }
            return runClaimed(message, owner, log.open(message, json), execution -> triggered(message, execution), slots,
                    parksRetries);
        });
    }

    /**
     * The rest of an action {@code owner} has claimed: under a renewed claim, its execution ({@code opened}) is run
     * unless the delivery log has it over already, while its triggered event goes out ({@code triggered}); then the
     * outcome is announced and the ledger marked. An execution parked for a retry is the retry poller's: skipped,
     * its claim given back.
     */
    Uni<Void> runClaimed(ActionMessage message, String owner, Uni<Execution> opened,
                         Function<Execution, Uni<Void>> triggered, SlotScope slots, boolean parksRetries) {
        return whileClaimed(message, owner, opened.chain(execution -> {
            if (execution.status().terminal()) {
                Log.debugf("Action %s already %s in the delivery log; skipped", message.idempotencyKey(),
                        execution.status().wire());
                return Uni.createFrom().item(Outcome.silent(execution.status()));
            }
            if (execution.parked()) {
                Log.debugf("Action %s is parked for a retry at %s; the retry poller runs it", message.idempotencyKey(),
                        execution.nextAttemptAt());
                return Uni.createFrom().item(Outcome.PARKED);
            }
            return run(message, execution, triggered.apply(execution), slots, parksRetries);
        }));
    }

    /**
     * Runs a parked retry that {@code owner} has claimed and the retry poller has taken (leased) from the queue:
     * from its next attempt; it ends like any run, parked again included. The triggered event goes out only for an
     * action parked before its first attempt (its workspace was over its share of held actions); a retry's first
     * run sent it.
     */
    public Uni<Void> resume(ActionMessage message, String owner, Execution execution, SlotScope slots) {
        Uni<Void> triggered = execution.attemptCount() == 0 ? triggered(message, execution)
                : Uni.createFrom().voidItem();
        return whileClaimed(message, owner, run(message, execution, triggered, slots, true));
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
                    .chain(message -> whileClaimed(message, owner,
                            run(message, execution, triggered(message, execution), SlotScope.UNBOUNDED, false)))
                    .chain(() -> log.find(workspaceId, executionId));
        });
    }

    /** Sends the execution's triggered event at once (the handler runs meanwhile); memoized, for its outcome. */
    private Uni<Void> triggered(ActionMessage message, Execution execution) {
        CompletableFuture<Void> sent = events.publish(message.workspaceId(),
                ActionEvents.triggered(message, execution.redeliveries())).subscribeAsCompletionStage();
        return Uni.createFrom().completionStage(sent);
    }

    private Uni<ActionLedger.Claim> claim(ActionMessage message, String owner, long giveUpAt) {
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
                    return VertxDelay.of(vertx, config.claimPollInterval().toMillis())
                            .chain(() -> claim(message, owner, giveUpAt));
                });
    }

    /**
     * An action's outcome once it is in the delivery log, and the event that announces it, not sent yet:
     * the event and the ledger's mark go out together (see {@link #whileClaimed}).
     */
    private record Outcome(ExecutionStatus status, Uni<Void> announcement) {

        /** Parked for a retry (or found so): not over, nothing to announce; the claim is given back. */
        static final Outcome PARKED = new Outcome(ExecutionStatus.RUNNING, Uni.createFrom().voidItem());

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
     * action (the message is nacked) once the mark is over. A parked action's claim is given back once the park is
     * written, so whoever takes the retry (or a redelivered message, which finds it parked) can claim it.
     */
    private Uni<Void> whileClaimed(ActionMessage message, String owner, Uni<Outcome> work) {
        String key = ActionLedger.key(message);
        heartbeat.hold(key, owner);
        return work
                .onTermination().invoke(() -> heartbeat.drop(key, owner))
                .onFailure().call(() -> release(message, owner))
                .chain(outcome -> outcome == Outcome.PARKED ? release(message, owner) : Uni.combine().all()
                        .unis(outcome.announcement()
                                        .map(sent -> Optional.<Throwable>empty())
                                        .onFailure().recoverWithItem(Optional::of),
                                mark(message, owner, outcome.status()))
                        .with((announced, marked) -> announced)
                        .chain(announced -> announced.isEmpty() ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(announced.get())));
    }

    /** Gives the claim back; never fails (an unreleased claim expires). */
    private Uni<Void> release(ActionMessage message, String owner) {
        return ledger.release(message, owner)
                .onFailure().invoke(e -> Log.warnf("Releasing the claim of action %s failed (%s); it expires",
                        message.idempotencyKey(), e.getMessage()))
                .onFailure().recoverWithNull();
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

    /**
     * Runs the handler in a slot of {@code slots} and records the outcome in the delivery log once the broker has the
     * triggered event; the event announcing the outcome is left to send. With {@code parksRetries}, a call that
     * failed retryably with attempts left ends the run: the action is parked in the {@link RetryQueue} until its
     * backoff is over.
     */
    private Uni<Outcome> run(ActionMessage message, Execution execution, Uni<Void> triggeredSent, SlotScope slots,
                             boolean parksRetries) {
        Span span = traces.start(SPAN, SpanKind.CONSUMER, message.traceparent());
        if (span.isRecording()) {
            span.setAttribute(TYPE_ATTRIBUTE, message.action().type());
            span.setAttribute(KEY_ATTRIBUTE, message.idempotencyKey());
        }
        String traceparent = Traces.carry(span, message.traceparent());
        return slots.run(message.workspaceId(), slot -> dispatcher.execute(message,
                        delivery(message, execution, slot, parksRetries, traceparent)))
                .onTermination().invoke((result, failure, cancelled) -> {
                    if (failure != null && !(failure instanceof RetryLater)) {
                        span.setStatus(StatusCode.ERROR, failure.getMessage());
                    }
                    span.end();
                })
                .call(() -> triggeredSent)
                .onFailure(ActionFailedException.class).call(() -> triggeredSent)
                .onFailure(RetryLater.class).call(() -> triggeredSent)
                .chain(result -> log.finish(execution.id(), ExecutionStatus.SUCCEEDED, null)
                        .invoke(() -> metrics.over(message, ExecutionStatus.SUCCEEDED))
                        .replaceWith(new Outcome(ExecutionStatus.SUCCEEDED, Uni.createFrom().deferred(() ->
                                actionEvents.send(message.workspaceId(),
                                        ActionEvents.executed(message, result, execution.redeliveries()))))))
                .onFailure(ActionFailedException.class).recoverWithUni(failure ->
                        reportFailure(message, execution, (ActionFailedException) failure))
                .onFailure(RetryLater.class).recoverWithUni(later -> park(message, execution, (RetryLater) later));
    }

    private Uni<Outcome> park(ActionMessage message, Execution execution, RetryLater later) {
        Log.debugf("Action %s parked: attempt %d in %s (%s)", message.idempotencyKey(), later.nextAttempt(),
                later.delay(), later.getMessage());
        return retries.park(execution.id(), later.delay(), later.nextAttempt(), later.target())
                .replaceWith(Outcome.PARKED);
    }

    private Uni<Outcome> reportFailure(ActionMessage message, Execution execution, ActionFailedException failure) {
        Log.infof("Action %s (%s) failed: %s", message.idempotencyKey(), message.action().type(), failure.getMessage());
        return log.finish(execution.id(), ExecutionStatus.FAILED, failure.getMessage())
                .invoke(() -> metrics.over(message, ExecutionStatus.FAILED))
                .replaceWith(new Outcome(ExecutionStatus.FAILED, Uni.createFrom().deferred(() ->
                        actionEvents.send(message.workspaceId(), ActionEvents.failed(message, failure.getMessage(),
                                failure.details(), execution.redeliveries())))));
    }

    private static Delivery delivery(ActionMessage message, Execution execution, RunSlot slot, boolean parksRetries,
                                     String traceparent) {
        return new Delivery(execution.id(), message.workspaceId(), message.action().type(), message.idempotencyKey(),
                execution.redeliveries(), slot, execution.retryAttempt(), parksRetries, traceparent);
    }
}
