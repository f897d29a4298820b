package dev.vigil.evaluator.support;

import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.support.vertx.VertxDelay;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells a failure of Redis from a failure of the work itself, so that work Redis could not do is
 * retried when it is back instead of being dead-lettered.
 */
@ApplicationScoped
public class RedisProbe {

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final EvaluatorConfig config;

    public RedisProbe(ReactiveRedisDataSource redis, Vertx vertx, EvaluatorConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
    }

    /** Whether Redis answers a PING within {@code vigil.evaluator.redis-retry-interval}. */
    public Uni<Boolean> reachable() {
        return redis.execute("PING")
                .ifNoItem().after(config.redisRetryInterval()).fail()
                .map(pong -> true)
                .onFailure().recoverWithItem(false);
    }

    /** Completes after {@code vigil.evaluator.redis-retry-interval}, on a Vert.x timer. */
    public Uni<Void> pause() {
        return VertxDelay.of(vertx, config.redisRetryInterval().toMillis());
    }
}
