package dev.vigil.actuator.action;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fast coordination by idempotency key, in Redis: who runs an action now ({@code claimed:<owner>},
 * expiring so a crashed owner's work is taken over), and which are over ({@code done},
 * {@code failed}). The delivery log in PostgreSQL is the durable record behind it.
 */
@ApplicationScoped
public class ActionLedger {

    public enum Claim {
        /** The caller now runs the action. */
        CLAIMED,
        /** It is over (succeeded or failed); nothing to do. */
        FINISHED,
        /** Another owner runs it right now. */
        BUSY
    }

    private static final String CLAIMED = "claimed:";
    private static final String DONE = "done";
    private static final String FAILED = "failed";

    private final ReactiveRedisDataSource redis;
    private final ActuatorConfig config;

    public ActionLedger(ReactiveRedisDataSource redis, ActuatorConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public Uni<Claim> claim(ActionMessage message, String owner) {
        return redis.execute("SET", key(message), CLAIMED + owner, "NX", "PX",
                        Long.toString(config.claimTtl().toMillis()))
                .chain(response -> {
                    if (response != null && "OK".equals(response.toString())) {
                        return Uni.createFrom().item(Claim.CLAIMED);
                    }
                    return redis.execute("GET", key(message)).map(value -> {
                        String state = value == null ? null : value.toString();
                        return DONE.equals(state) || FAILED.equals(state) ? Claim.FINISHED : Claim.BUSY;
                    });
                });
    }

    /** Claims a dead-lettered action for a redelivery (the delivery log already allowed only one). */
    public Uni<Void> claimForRedelivery(ActionMessage message, String owner) {
        return redis.execute("SET", key(message), CLAIMED + owner, "PX", Long.toString(config.claimTtl().toMillis()))
                .replaceWithVoid();
    }

    public Uni<Void> markDone(ActionMessage message) {
        return mark(message, DONE);
    }

    public Uni<Void> markFailed(ActionMessage message) {
        return mark(message, FAILED);
    }

    /** Gives up a claim after an unexpected error, so the redelivered message can run it. */
    public Uni<Void> release(ActionMessage message) {
        return redis.execute("DEL", key(message)).replaceWithVoid();
    }

    private Uni<Void> mark(ActionMessage message, String state) {
        return redis.execute("SET", key(message), state, "PX", Long.toString(config.doneTtl().toMillis()))
                .replaceWithVoid();
    }

    public static String key(ActionMessage message) {
        return "vigil:" + message.workspaceId() + ":action:" + message.idempotencyKey();
    }
}
