package dev.vigil.actuator.action;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.support.metrics.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the {@code actions} topic (group {@code actuator}): holds up to
 * {@code vigil.actuator.max-held-actions} actions at once, taken in batches ({@link ActionIntake},
 * {@link BatchExecutor}), whose handlers run up to {@code vigil.actuator.max-concurrent-actions} at once
 * ({@link RunningActions}).
 * <p>
 * A plain {@code @Incoming} method returning a {@code Uni} would run one action at a time, and most of
 * an action's time is spent waiting (Redis, PostgreSQL, the broker, the target). A retry does not hold its
 * message: an action whose call failed retryably is parked in the delivery log and its message acknowledged
 * ({@code dev.vigil.actuator.retry.RetryPoller} runs it when due), so a dead target's actions leave the stream after
 * one attempt each; a workspace past its share of held actions has its new ones parked at once. Each message is
 * acknowledged only when its action is over, so its offset is committed only then; the connector's
 * throttled commit strategy commits an offset once every message before it is acknowledged too. An
 * unexpected failure nacks the message, which sends it to the dead-letter topic.
 * <p>
 * Actions are not ordered, not even those of one automation: each message is its own action with its
 * own idempotency key, as in Prefect, and one action retrying a slow target must not hold up the others.
 * <p>
 * At shutdown no new action starts (its message stays unacknowledged, so it is redelivered) and those in flight
 * get up to {@code vigil.actuator.shutdown-drain} to finish, while their claims are still renewed. Any still running
 * then are left unacknowledged too: another replica takes them over once their claims lapse, and the ledger keeps
 * their effects exactly once.
 */
@ApplicationScoped
public class ActionConsumer {

    public static final String CHANNEL = "actions-in";

    private final Multi<Message<String>> messages;
    private final ActionIntake intake;
    private final int maxHeldActions;
    private final Duration shutdownDrain;
    private final ShutdownDrain drain = new ShutdownDrain();
    private final Counter deadLettered;
    private Cancellable subscription;

    public ActionConsumer(@Channel(CHANNEL) Multi<Message<String>> messages, ActionIntake intake,
                          ActuatorConfig config, DeadLetters deadLetters) {
        this.deadLettered = deadLetters.counter(CHANNEL);
        this.messages = messages;
        this.intake = intake;
        this.maxHeldActions = config.maxHeldActions();
        this.shutdownDrain = config.shutdownDrain();
    }

    void start(@Observes StartupEvent started) {
        subscription = messages
                .onItem().transformToUni(this::consume).merge(maxHeldActions)
                .subscribe().with(
                        done -> { },
                        failure -> Log.errorf(failure, "The %s channel stopped: no more actions run", CHANNEL));
    }

    /** Before the other shutdown observers (ClaimHeartbeat keeps renewing meanwhile); blocks the shutdown thread only. */
    void stop(@Observes @Priority(1) ShutdownEvent stopping) {
        int left = drain.close(shutdownDrain);
        if (left > 0) {
            Log.warnf("%d actions still running after %s at shutdown: left unacknowledged, another replica takes them"
                    + " over once their claims lapse", left, shutdownDrain);
        }
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /**
     * The record arrives as text: it is parsed once, with the others of its batch, and stored as is in the delivery
     * log, not written again; one that cannot be parsed goes to the dead-letter topic.
     */
    private Uni<Void> consume(Message<String> message) {
        if (!drain.enter()) {
            return Uni.createFrom().voidItem(); // shutting down: not acknowledged, so redelivered
        }
        return intake.run(message.getPayload())
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : deadLetter(message, failure)))
                .onTermination().invoke(drain::exit);
    }

    private CompletionStage<Void> deadLetter(Message<String> message, Throwable failure) {
        deadLettered.increment();
        return message.nack(failure);
    }
}
