package dev.vigil.actuator.action;

import dev.vigil.actuator.batch.WriteBatcher;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.ExecutionStatus;
import dev.vigil.support.redis.LuaScript;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
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
    private static final LuaScript RELEASE = LuaScript.load(ActionLedger.class, "/lua/release-claim.lua");
    private static final LuaScript CLAIM_ALL = LuaScript.load(ActionLedger.class, "/lua/claim-all.lua");
    private static final LuaScript FINISH_ALL = LuaScript.load(ActionLedger.class, "/lua/finish-claims.lua");
    private static final int CLAIMED_NOW = 1;
    private static final int OVER = 2;

    /** The Redis client's name of the heartbeat's own connection ({@code quarkus.redis.heartbeat.*}). */
    public static final String HEARTBEAT_CLIENT = "heartbeat";

    private final ReactiveRedisDataSource redis;
    /** Renewals only: they never queue behind the actions' calls in the default client's pool. */
    private final ReactiveRedisDataSource heartbeatRedis;
    private final ActuatorConfig config;
    /** The marks of actions finishing about together, in one call. */
    private final WriteBatcher<Mark, Boolean> marks;

    public ActionLedger(ReactiveRedisDataSource redis,
                        @RedisClientName(HEARTBEAT_CLIENT) ReactiveRedisDataSource heartbeatRedis,
                        ActuatorConfig config, Vertx vertx) {
        this.redis = redis;
        this.heartbeatRedis = heartbeatRedis;
        this.config = config;
        this.marks = new WriteBatcher<>(vertx, config.deliveryLog().batchWindow(), config.deliveryLog().batchSize(),
                this::finishAll);
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

    /**
     * {@link #claim} of several actions in one Redis call: {@code owners.get(i)} claims {@code keys.get(i)};
     * answers one claim per key, in order. The keys must be distinct.
     */
    public Uni<List<Claim>> claimAll(List<String> keys, List<String> owners) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> args = new ArrayList<>(keys.size() + 2);
        args.add(claimTtlMs());
        args.add(CLAIMED);
        owners.forEach(owner -> args.add(CLAIMED + owner));
        return CLAIM_ALL.run(redis, keys, args).map(reply -> {
            List<Claim> claims = new ArrayList<>(reply.size());
            reply.forEach(code -> claims.add(switch (code.toInteger()) {
                case CLAIMED_NOW -> Claim.CLAIMED;
                case OVER -> Claim.FINISHED;
                default -> Claim.BUSY;
            }));
            return claims;
        });
    }

    /**
     * {@link #finish} of several actions in one Redis call; answers, per mark and in order, whether it was
     * written; a key marked twice is marked in order.
     */
    public Uni<List<Boolean>> finishAll(List<Mark> marks) {
        List<String> keys = new ArrayList<>(marks.size());
        List<String> args = new ArrayList<>(2 * marks.size() + 2);
        args.add(Long.toString(config.doneTtl().toMillis()));
        args.add(CLAIMED);
        for (Mark mark : marks) {
            keys.add(mark.key());
            args.add(CLAIMED + mark.owner());
            args.add(mark.status() == ExecutionStatus.SUCCEEDED ? DONE : FAILED);
        }
        return FINISH_ALL.run(redis, keys, args).map(reply -> {
            List<Boolean> written = new ArrayList<>(reply.size());
            reply.forEach(code -> written.add(code.toInteger() == 1));
            return written;
        });
    }

    /** An action's final status, to record under its ledger key unless another owner holds that key now. */
    public record Mark(String key, String owner, ExecutionStatus status) {
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
     * written. The marks of actions finishing within {@code vigil.actuator.delivery-log.batch-window} of each other
     * share one call.
     */
    public Uni<Boolean> finish(ActionMessage message, String owner, ExecutionStatus status) {
        return marks.write(new Mark(key(message), owner, status));
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
}
