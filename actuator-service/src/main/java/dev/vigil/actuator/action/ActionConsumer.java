package dev.vigil.actuator.action;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the {@code actions} topic (group {@code actuator}) and runs up to
 * {@code vigil.actuator.max-concurrent-actions} actions at once.
 * <p>
 * A plain {@code @Incoming} method returning a {@code Uni} would run one action at a time, and most of
 * an action's time is spent waiting (Redis, PostgreSQL, the broker, the target). Each message is
 * acknowledged only when its action is over, so its offset is committed only then; the connector's
 * throttled commit strategy commits an offset once every message before it is acknowledged too. An
 * unexpected failure nacks the message, which sends it to the dead-letter topic.
 * <p>
 * Actions are not ordered, not even those of one automation: each message is its own action with its
 * own idempotency key, as in Prefect, and one action retrying a slow target must not hold up the others.
 */
@ApplicationScoped
public class ActionConsumer {

    public static final String CHANNEL = "actions-in";

    private final Multi<Message<ActionMessage>> messages;
    private final ActionExecutor executor;
    private final int maxConcurrentActions;
    private Cancellable subscription;

    public ActionConsumer(@Channel(CHANNEL) Multi<Message<ActionMessage>> messages, ActionExecutor executor,
                          ActuatorConfig config) {
        this.messages = messages;
        this.executor = executor;
        this.maxConcurrentActions = config.maxConcurrentActions();
    }

    void start(@Observes StartupEvent started) {
        subscription = messages
                .onItem().transformToUni(this::consume).merge(maxConcurrentActions)
                .subscribe().with(
                        done -> { },
                        failure -> Log.errorf(failure, "The %s channel stopped: no more actions run", CHANNEL));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /** Runs on the message's own Vert.x context (the connector dispatches each record on one). */
    private Uni<Void> consume(Message<ActionMessage> message) {
        return Uni.createFrom().deferred(() -> executor.execute(message.getPayload()))
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }
}
