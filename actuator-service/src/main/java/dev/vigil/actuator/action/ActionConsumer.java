package dev.vigil.actuator.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the {@code actions} topic (group {@code actuator}): holds up to
 * {@code vigil.actuator.max-held-actions} actions at once, of which up to
 * {@code vigil.actuator.max-concurrent-actions} run ({@link RunningActions}).
 * <p>
 * A plain {@code @Incoming} method returning a {@code Uni} would run one action at a time, and most of
 * an action's time is spent waiting (Redis, PostgreSQL, the broker, the target). An action waiting out
 * a retry's backoff gives its running slot up meanwhile, so the actions of a dead target, held until
 * their retries are over, do not keep the others from running. Each message is
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

    private static final ObjectReader ACTION_MESSAGE = VigilJson.mapper().copy()
            .registerModule(new SimpleModule().addDeserializer(OffsetDateTime.class, new IsoTimestampDeserializer()))
            .readerFor(ActionMessage.class);

    private final Multi<Message<String>> messages;
    private final ActionExecutor executor;
    private final RunningActions running;
    private final int maxHeldActions;
    private Cancellable subscription;

    public ActionConsumer(@Channel(CHANNEL) Multi<Message<String>> messages, ActionExecutor executor,
                          RunningActions running, ActuatorConfig config) {
        this.messages = messages;
        this.executor = executor;
        this.running = running;
        this.maxHeldActions = config.maxHeldActions();
    }

    void start(@Observes StartupEvent started) {
        subscription = messages
                .onItem().transformToUni(this::consume).merge(maxHeldActions)
                .subscribe().with(
                        done -> { },
                        failure -> Log.errorf(failure, "The %s channel stopped: no more actions run", CHANNEL));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /**
     * Runs on the message's own Vert.x context (the connector dispatches each record on one). The record
     * arrives as text: it is parsed once here and stored as is in the delivery log, not written again; one
     * that cannot be parsed goes to the dead-letter topic.
     */
    private Uni<Void> consume(Message<String> message) {
        return running.take()
                .chain(slot -> Uni.createFrom()
                        .deferred(() -> executor.execute(parse(message.getPayload()), message.getPayload(), slot))
                        .eventually(slot::release))
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }

    private static ActionMessage parse(String json) {
        try {
            return ACTION_MESSAGE.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable action message: " + e.getOriginalMessage(), e);
        }
    }
}
