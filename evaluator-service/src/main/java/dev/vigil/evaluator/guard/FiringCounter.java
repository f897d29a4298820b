package dev.vigil.evaluator.guard;

import dev.vigil.support.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Counts each automation's firings per clock minute in Redis
 * ({@code vigil:{ws}:firings:{automation}:{epoch minute}}), so every replica adds to the same count:
 * one script call for all the automations of a batch.
 */
@ApplicationScoped
public class FiringCounter {

    private static final LuaScript COUNT = LuaScript.load(FiringCounter.class, "/lua/count-firings.lua");
    /** A minute's counter outlives its minute a little, for a late batch of that minute. */
    private static final long TTL_SECONDS = 120;
    private static final long MILLIS_PER_MINUTE = 60_000;

    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    @Inject
    public FiringCounter(ReactiveRedisDataSource redis) {
        this(redis, Clock.systemUTC());
    }

    FiringCounter(ReactiveRedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** A counter to add to: the automation and how many firings. */
    public record Increment(UUID workspaceId, UUID automationId, int firings) {
    }

    /** The count of this minute of each automation after adding its firings, in the order given. */
    public Uni<List<Long>> add(List<Increment> increments) {
        long minute = clock.millis() / MILLIS_PER_MINUTE;
        List<String> keys = new ArrayList<>(increments.size());
        List<String> args = new ArrayList<>(increments.size() + 1);
        args.add(Long.toString(TTL_SECONDS));
        for (Increment increment : increments) {
            keys.add(key(increment.workspaceId(), increment.automationId(), minute));
            args.add(Integer.toString(increment.firings()));
        }
        return COUNT.run(redis, keys, args).map(FiringCounter::counts);
    }

    static String key(UUID workspaceId, UUID automationId, long minute) {
        return "vigil:" + workspaceId + ":firings:" + automationId + ":" + minute;
    }

    private static List<Long> counts(Response response) {
        List<Long> counts = new ArrayList<>(response.size());
        for (Response count : response) {
            counts.add(count.toLong());
        }
        return counts;
    }
}
