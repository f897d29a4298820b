package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.trigger.AutomationEvaluator.Touched;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Loads the state an event touches in one round trip, and commits the evaluation with one atomic
 * compare-and-set script: an event is counted once, and concurrent replicas never lose an update.
 */
@ApplicationScoped
public class RedisStateRepository {

    /** The outcome of a commit. */
    public enum CommitResult { OK, DUPLICATE, CONFLICT }

    /** What a load found: whether the event was already counted, and the state. */
    public record Loaded(boolean alreadySeen, StateSnapshot snapshot) {
    }

    private static final String COMMIT_SCRIPT = readScript("/lua/commit-buckets.lua");

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final EvaluatorConfig config;

    public RedisStateRepository(ReactiveRedisDataSource redis, ObjectMapper json, EvaluatorConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    /** Loads {@code touched}; with an event id, also whether that event was already counted. */
    public Uni<Loaded> load(UUID workspaceId, UUID eventId, Touched touched) {
        List<String> keys = new ArrayList<>();
        touched.buckets().forEach(k -> keys.add(RedisKeys.bucket(k)));
        touched.composites().forEach(k -> keys.add(RedisKeys.composite(k)));
        List<String> distinct = keys.stream().distinct().toList();
        int offset = eventId == null ? 0 : 1;
        List<String> args = new ArrayList<>(distinct.size() + offset);
        if (eventId != null) {
            args.add(RedisKeys.seenEvent(workspaceId, eventId));
        }
        args.addAll(distinct);
        return redis.execute("MGET", args.toArray(String[]::new)).map(response -> {
            boolean seen = eventId != null && response.get(0) != null;
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < distinct.size(); i++) {
                Response value = response.get(i + offset);
                values.put(distinct.get(i), value == null ? null : value.toString(StandardCharsets.UTF_8));
            }
            return new Loaded(seen, new StateSnapshot(json, values));
        });
    }

    /** Members of a workspace's timers due at or before {@code now}, earliest first, at most {@code limit}. */
    public Uni<List<String>> dueTimers(UUID workspaceId, Instant now, int limit) {
        return redis.execute("ZRANGEBYSCORE", RedisKeys.timers(workspaceId), "-inf",
                        Long.toString(now.toEpochMilli()), "LIMIT", "0", Integer.toString(limit))
                .map(response -> {
                    List<String> members = new ArrayList<>(response.size());
                    response.forEach(member -> members.add(member.toString(StandardCharsets.UTF_8)));
                    return members;
                });
    }

    public Uni<CommitResult> commit(UUID workspaceId, UUID eventId, StateSnapshot snapshot, Duration window) {
        Map<String, String> read = snapshot.readValues();
        Map<String, Instant> timers = snapshot.timerChanges();
        List<String> args = new ArrayList<>();
        args.add(COMMIT_SCRIPT);
        args.add(Integer.toString(read.size() + 2));
        args.add(eventId == null ? "" : RedisKeys.seenEvent(workspaceId, eventId));
        args.add(RedisKeys.timers(workspaceId));
        args.addAll(read.keySet());
        args.add(Long.toString(config.seenEventTtl().toMillis()));
        // Two windows: a reactive bucket that fired lives through the next window, which resolves it.
        args.add(Long.toString(window.multipliedBy(2).plus(config.bucketTtlBuffer()).toMillis()));
        args.add(Integer.toString(timers.size()));
        read.forEach((key, value) -> {
            args.add(value);
            args.add(snapshot.writeValue(key));
        });
        timers.forEach((key, due) -> {
            args.add(key);
            args.add(due == null ? "" : Long.toString(due.toEpochMilli()));
        });
        return redis.execute("EVAL", args.toArray(String[]::new))
                .map(response -> CommitResult.valueOf(response.toString()));
    }

    private static String readScript(String path) {
        try (InputStream in = RedisStateRepository.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
