package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluator.config.EvaluatorConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Loads the buckets an event touches in one round trip, and commits the evaluation in one atomic script. */
@ApplicationScoped
public class RedisBucketRepository {

    /** The outcome of a commit. */
    public enum CommitResult { OK, DUPLICATE, CONFLICT }

    /** What a load found: whether the event was already counted, and the buckets. */
    public record Loaded(boolean alreadySeen, BucketSnapshot snapshot) {
    }

    private static final String COMMIT_SCRIPT = readScript("/lua/commit-buckets.lua");

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final EvaluatorConfig config;

    public RedisBucketRepository(ReactiveRedisDataSource redis, ObjectMapper json, EvaluatorConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    public Uni<Loaded> load(UUID workspaceId, UUID eventId, List<BucketKey> keys) {
        List<String> args = new ArrayList<>(keys.size() + 1);
        args.add(RedisKeys.seenEvent(workspaceId, eventId));
        keys.forEach(k -> args.add(RedisKeys.bucket(k)));
        return redis.execute("MGET", args.toArray(String[]::new)).map(response -> {
            boolean seen = response.get(0) != null;
            List<String> values = new ArrayList<>(keys.size());
            for (int i = 1; i <= keys.size(); i++) {
                Response value = response.get(i);
                values.add(value == null ? null : value.toString(StandardCharsets.UTF_8));
            }
            return new Loaded(seen, new BucketSnapshot(json, keys, values));
        });
    }

    public Uni<CommitResult> commit(UUID workspaceId, UUID eventId, BucketSnapshot snapshot, Duration window) {
        Map<BucketKey, String> read = snapshot.readValues();
        List<String> args = new ArrayList<>(3 + read.size() * 3);
        args.add(COMMIT_SCRIPT);
        args.add(Integer.toString(read.size() + 1));
        args.add(RedisKeys.seenEvent(workspaceId, eventId));
        read.keySet().forEach(k -> args.add(RedisKeys.bucket(k)));
        args.add(Long.toString(config.seenEventTtl().toMillis()));
        args.add(Long.toString(window.plus(config.bucketTtlBuffer()).toMillis()));
        read.forEach((key, value) -> {
            args.add(value);
            args.add(snapshot.writeValue(key));
        });
        return redis.execute("EVAL", args.toArray(String[]::new))
                .map(response -> CommitResult.valueOf(response.toString()));
    }

    private static String readScript(String path) {
        try (InputStream in = RedisBucketRepository.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
