package dev.vigil.evaluator.metric;

import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.support.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Metric triggers' flow runs in Redis: per trigger a hash of runs and a sorted set of when each was last seen.
 * Each event's run is merged by a script ({@code merge-flow-run.lua}) with {@link FlowRun#merge}'s rules, so
 * replicas and redeliveries need no compare-and-set; the same script forgets runs not seen for the trigger's
 * retention, bounds their number, and renews the keys' TTL (the retention), so a removed trigger's runs expire.
 */
@ApplicationScoped
public class FlowRunRepository {

    private static final LuaScript MERGE = LuaScript.load(FlowRunRepository.class, "/lua/merge-flow-run.lua");

    private final ReactiveRedisDataSource redis;

    public FlowRunRepository(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Merges {@code run} into the trigger's runs; runs last seen over {@code retention} before it are dropped. */
    public Uni<Void> record(MetricKey key, FlowRun run, Duration retention, int maxRuns) {
        List<String> keys = List.of(RedisKeys.metricRuns(key), RedisKeys.metricRunsSeen(key));
        List<String> args = List.of(run.runId(), run.encode(),
                Long.toString(run.seen().minus(retention).toEpochMilli()), Integer.toString(maxRuns),
                Long.toString(retention.toMillis()));
        return MERGE.run(redis, keys, args).replaceWithVoid();
    }

    public Uni<List<FlowRun>> runs(MetricKey key) {
        return redis.hash(String.class).hgetall(RedisKeys.metricRuns(key)).map(stored -> {
            List<FlowRun> runs = new ArrayList<>(stored.size());
            stored.forEach((runId, value) -> runs.add(FlowRun.decode(runId, value)));
            return runs;
        });
    }
}
