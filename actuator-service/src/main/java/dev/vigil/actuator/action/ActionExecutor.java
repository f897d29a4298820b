package dev.vigil.actuator.action;

import dev.vigil.actuator.event.ActionEvents;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.support.event.EventPublisher;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs one action message at most once in effect: claims its idempotency key, emits the
 * triggered event, runs the handler, then emits executed or failed and marks it done. An
 * unexpected error releases the claim and propagates, so the message is redelivered.
 */
@ApplicationScoped
public class ActionExecutor {

    private final ActionLedger ledger;
    private final ActionDispatcher dispatcher;
    private final EventPublisher events;

    public ActionExecutor(ActionLedger ledger, ActionDispatcher dispatcher, EventPublisher events) {
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.events = events;
    }

    public Uni<Void> execute(ActionMessage message) {
        return ledger.claim(message).chain(claimed -> {
            if (!claimed) {
                Log.debugf("Action %s already done or running elsewhere; skipped", message.idempotencyKey());
                return Uni.createFrom().voidItem();
            }
            return events.publish(message.workspaceId(), ActionEvents.triggered(message))
                    .chain(() -> dispatcher.execute(message))
                    .chain(result -> events.publish(message.workspaceId(), ActionEvents.executed(message, result)))
                    .onFailure(ActionFailedException.class).recoverWithUni(failure -> reportFailure(message,
                            (ActionFailedException) failure))
                    .chain(() -> ledger.markDone(message))
                    .onFailure().call(() -> ledger.release(message));
        });
    }

    private Uni<Void> reportFailure(ActionMessage message, ActionFailedException failure) {
        Log.infof("Action %s (%s) failed: %s", message.idempotencyKey(), message.action().type(), failure.getMessage());
        return events.publish(message.workspaceId(),
                ActionEvents.failed(message, failure.getMessage(), failure.details()));
    }
}
