package dev.vigil.evaluator.state;

import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.support.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fills an automation's state index ({@link RedisKeys#stateIndex}) from a SCAN without losing a key to the index's
 * expiry: {@link #begin} puts a token in the index before the scan, and {@link #complete} marks the index complete
 * only if the token is still there, that is if the index is the set the commit script added to during the scan.
 * The commit script adds a created key to the index whenever the index exists, whatever its marks (so during a
 * scan, after {@link #begin}); it does not create a missing index, which would be incomplete.
 */
@ApplicationScoped
public class StateIndexFill {

    private static final LuaScript BEGIN = LuaScript.load(StateIndexFill.class, "/lua/begin-state-index-fill.lua");
    private static final LuaScript FILL = LuaScript.load(StateIndexFill.class, "/lua/fill-state-index.lua");

    private final ReactiveRedisDataSource redis;
    private final EvaluatorConfig config;

    public StateIndexFill(ReactiveRedisDataSource redis, EvaluatorConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** Before the scan: the token {@link #complete} needs, now a member of the index. */
    public Uni<String> begin(String index) {
        String token = RedisKeys.STATE_INDEX_FILLING + UUID.randomUUID();
        return BEGIN.run(redis, List.of(index), List.of(token, leastLife())).replaceWith(token);
    }

    /**
     * After a complete scan: adds the keys it found and marks the index complete; false (nothing marked) when the
     * index expired or was recreated since {@link #begin}, so that the next read scans again.
     */
    public Uni<Boolean> complete(String index, String token, List<String> found) {
        List<String> keys = new ArrayList<>(1 + found.size());
        keys.add(index);
        keys.addAll(found);
        return FILL.run(redis, keys, List.of(RedisKeys.STATE_INDEX_COMPLETE, leastLife(), token))
                .map(reply -> reply.toLong() == 1);
    }

    /** After a scan that stopped at the limit (nothing to mark): takes the token out again. */
    public Uni<Void> abandon(String index, String token) {
        return redis.execute("SREM", index, token).replaceWithVoid();
    }

    private String leastLife() {
        return Long.toString(config.bucketTtlBuffer().toMillis());
    }
}
