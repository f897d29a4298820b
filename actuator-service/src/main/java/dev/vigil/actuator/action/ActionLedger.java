package dev.vigil.actuator.action;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Remembers, by idempotency key, which actions were claimed and which are done, so a message
 * delivered twice (redelivery, two replicas) runs its side effect once.
 */
@ApplicationScoped
public class ActionLedger {

    private static final String CLAIMED = "claimed";
    private static final String DONE = "done";

    private final ReactiveRedisDataSource redis;
    private final ActuatorConfig config;

    public ActionLedger(ReactiveRedisDataSource redis, ActuatorConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** True when this caller now owns the action; false when it is done or another owner runs it. */
    public Uni<Boolean> claim(ActionMessage message) {
        return redis.execute("SET", key(message), CLAIMED, "NX", "PX", Long.toString(config.claimTtl().toMillis()))
                .map(response -> response != null && "OK".equals(response.toString()));
    }

    public Uni<Void> markDone(ActionMessage message) {
        return redis.execute("SET", key(message), DONE, "PX", Long.toString(config.doneTtl().toMillis()))
                .replaceWithVoid();
    }

    /** Gives up a claim after an unexpected error, so the redelivered message can run it. */
    public Uni<Void> release(ActionMessage message) {
        return redis.execute("DEL", key(message)).replaceWithVoid();
    }

    private static String key(ActionMessage message) {
        return "vigil:" + message.workspaceId() + ":action:" + message.idempotencyKey();
    }
}
