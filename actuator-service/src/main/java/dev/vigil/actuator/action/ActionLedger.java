package dev.vigil.actuator.action;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.ExecutionStatus;
import dev.vigil.support.redis.LuaScript;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fast coordination by idempotency key, in Redis: who runs an action now ({@code claimed:<owner>},
 * with a short TTL that the {@link ClaimHeartbeat} renews while the owner lives, so a crashed owner's
 * work is taken over quickly), and which are over ({@code done}, {@code failed}). Every write after the
 * claim checks the owner, so an owner whose claim expired never clobbers the claim of the one that took
 * over. The delivery log in PostgreSQL is the durable record behind it.
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
    private static final LuaScript RENEW = LuaScript.load(ActionLedger.class, "/lua/renew-claims.lua");
    private static final LuaScript FINISH = LuaScript.load(ActionLedger.class, "/lua/finish-claim.lua");
    private static final LuaScript RELEASE = LuaScript.load(ActionLedger.class, "/lua/release-claim.lua");

    /** The Redis client's name of the heartbeat's own connection ({@code quarkus.redis.heartbeat.*}). */
    public static final String HEARTBEAT_CLIENT = "heartbeat";

    private final ReactiveRedisDataSource redis;
    /** Renewals only: they never queue behind the actions' calls in the default client's pool. */
    private final ReactiveRedisDataSource heartbeatRedis;
    private final ActuatorConfig config;

    public ActionLedger(ReactiveRedisDataSource redis,
                        @RedisClientName(HEARTBEAT_CLIENT) ReactiveRedisDataSource heartbeatRedis,
                        ActuatorConfig config) {
        this.redis = redis;
        this.heartbeatRedis = heartbeatRedis;
        this.config = config;
    }

    public Uni<Claim> claim(ActionMessage message, String owner) {
        return redis.execute("SET", key(message), CLAIMED + owner, "NX", "PX", claimTtlMs())
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
        return redis.execute("SET", key(message), CLAIMED + owner, "PX", claimTtlMs()).replaceWithVoid();
    }

    /**
     * Extends every claim in {@code ownersByKey} (ledger key → owner) that its owner still holds, in
     * one call over the heartbeat's own connection; answers the keys whose claim was no longer that owner's.
     */
    public Uni<List<String>> renew(Map<String, String> ownersByKey) {
        List<String> keys = new ArrayList<>(ownersByKey.size());
        List<String> args = new ArrayList<>(ownersByKey.size() + 1);
        args.add(claimTtlMs());
        ownersByKey.forEach((key, owner) -> {
            keys.add(key);
            args.add(CLAIMED + owner);
        });
        return RENEW.run(heartbeatRedis, keys, args).map(reply -> {
            List<String> lost = new ArrayList<>(reply.size());
            reply.forEach(key -> lost.add(key.toString()));
            return lost;
        });
    }

    /**
     * Records that the action is over, unless another owner has claimed it meanwhile; true when
     * written.
     */
    public Uni<Boolean> finish(ActionMessage message, String owner, ExecutionStatus status) {
        String state = status == ExecutionStatus.SUCCEEDED ? DONE : FAILED;
        return FINISH.run(redis, List.of(key(message)),
                        List.of(CLAIMED + owner, state, Long.toString(config.doneTtl().toMillis()), CLAIMED))
                .map(ActionLedger::written);
    }

    /** Gives up a claim after an unexpected error, so the redelivered message can run it; only the owner's own. */
    public Uni<Void> release(ActionMessage message, String owner) {
        return RELEASE.run(redis, List.of(key(message)), List.of(CLAIMED + owner)).replaceWithVoid();
    }

    public static String key(ActionMessage message) {
        return "vigil:" + message.workspaceId() + ":action:" + message.idempotencyKey();
    }

    private String claimTtlMs() {
        return Long.toString(config.claimTtl().toMillis());
    }

    private static boolean written(Response reply) {
        return reply != null && reply.toInteger() == 1;
    }
}
