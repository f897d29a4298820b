package dev.vigil.evaluator.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluator.bucket.Bucket;
import dev.vigil.evaluator.bucket.BucketCodec;
import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.CompositeState;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.bucket.StateSnapshot;
import dev.vigil.evaluator.bucket.TimerStore.DueTimer;
import dev.vigil.evaluator.config.EvaluatorConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads an automation's live state for people to look at: its buckets, composite states and armed
 * timers. The buckets and composites come from the automation's state index ({@link RedisKeys#stateIndex}) when
 * it is complete, else from SCAN (never KEYS), which then completes the index; the timers from a ZSCAN of the
 * workspace's timers. Stops after {@code vigil.evaluator.state-max-entries}.
 */
@ApplicationScoped
public class RedisStateReader {

    /** One stored bucket; {@code values} is null for a bucket written before values were stored with it. */
    public record StoredBucket(UUID triggerId, List<String> values, Bucket bucket) {
    }

    public record StoredComposite(UUID triggerId, CompositeState state) {
    }

    /** What was found, and whether the listing stopped at the configured limit. */
    public record LiveState(List<StoredBucket> buckets, List<StoredComposite> composites, List<DueTimer> timers,
                            boolean truncated) {
    }

    private static final String SCAN_BATCH = "500";

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final BucketCodec codec;
    private final EvaluatorConfig config;
    private final StateIndexFill fill;

    public RedisStateReader(ReactiveRedisDataSource redis, ObjectMapper json, EvaluatorConfig config,
                            StateIndexFill fill) {
        this.redis = redis;
        this.json = json;
        this.codec = new BucketCodec(json);
        this.config = config;
        this.fill = fill;
    }

    public Uni<LiveState> read(UUID workspaceId, UUID automationId) {
        String index = RedisKeys.stateIndex(workspaceId, automationId);
        return redis.execute("SMEMBERS", index).chain(reply -> {
            List<String> members = new ArrayList<>(reply.size());
            reply.forEach(member -> members.add(member.toString(StandardCharsets.UTF_8)));
            return members.remove(RedisKeys.STATE_INDEX_COMPLETE)
                    ? indexed(workspaceId, automationId, index, members)
                    : scanned(workspaceId, automationId, index);
        });
    }

    /**
     * From the automation's complete state index: one {@code MGET} of its members; members whose key expired are
     * pruned from the index.
     */
    private Uni<LiveState> indexed(UUID workspaceId, UUID automationId, String index, List<String> members) {
        int limit = config.stateMaxEntries();
        List<String> bucketKeys = new ArrayList<>();
        List<String> compositeKeys = new ArrayList<>();
        for (String member : members) {
            if (RedisKeys.isStateIndexMark(member)) {
                continue; // another reader's fill token
            }
            List<String> kind = RedisKeys.isBucketKey(member) ? bucketKeys : compositeKeys;
            if (kind.size() < limit) {
                kind.add(member);
            }
        }
        List<String> keys = new ArrayList<>(bucketKeys);
        keys.addAll(compositeKeys);
        return values(keys).chain(values -> {
            List<String> expired = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (values.get(i) == null) {
                    expired.add(keys.get(i));
                }
            }
            Uni<Void> pruned = expired.isEmpty() ? Uni.createFrom().voidItem()
                    : redis.execute("SREM", concat(index, expired)).replaceWithVoid();
            List<String> bucketValues = values.subList(0, bucketKeys.size());
            List<String> compositeValues = values.subList(bucketKeys.size(), keys.size());
            return pruned.chain(() -> timers(workspaceId, automationId, "0", new ArrayList<>(), limit))
                    .map(timers -> new LiveState(buckets(bucketKeys, bucketValues),
                            composites(compositeKeys, compositeValues), timers,
                            bucketKeys.size() >= limit || compositeKeys.size() >= limit || timers.size() >= limit));
        });
    }

    /**
     * Without a complete index (state written before there was one, or an index that expired while a key it
     * tracked lived on): SCANs the workspace's keys, then fills the index so that the next read need not
     * ({@link StateIndexFill}: the fill is safe against the index expiring during the scan).
     */
    private Uni<LiveState> scanned(UUID workspaceId, UUID automationId, String index) {
        int limit = config.stateMaxEntries();
        return fill.begin(index).chain(token ->
                scan(RedisKeys.bucketsOf(workspaceId, automationId), "0", new ArrayList<>(), limit)
                        .chain(bucketKeys -> values(bucketKeys).chain(bucketValues ->
                                scan(RedisKeys.compositesOf(workspaceId, automationId), "0", new ArrayList<>(), limit)
                                        .chain(compositeKeys -> values(compositeKeys).chain(compositeValues ->
                                                timers(workspaceId, automationId, "0", new ArrayList<>(), limit)
                                                        .chain(timers -> {
                                                            LiveState state = new LiveState(
                                                                    buckets(bucketKeys, bucketValues),
                                                                    composites(compositeKeys, compositeValues),
                                                                    timers, bucketKeys.size() >= limit
                                                                    || compositeKeys.size() >= limit
                                                                    || timers.size() >= limit);
                                                            if (bucketKeys.size() >= limit
                                                                    || compositeKeys.size() >= limit) {
                                                                return fill.abandon(index, token).replaceWith(state);
                                                            }
                                                            List<String> found = new ArrayList<>(bucketKeys);
                                                            found.addAll(compositeKeys);
                                                            return fill.complete(index, token, found)
                                                                    .replaceWith(state);
                                                        }))))));
    }

    private static String[] concat(String first, List<String> rest) {
        String[] all = new String[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }

    private Uni<List<String>> scan(String pattern, String cursor, List<String> found, int limit) {
        return redis.execute("SCAN", cursor, "MATCH", pattern, "COUNT", SCAN_BATCH).chain(reply -> {
            reply.get(1).forEach(key -> {
                if (found.size() < limit) {
                    found.add(key.toString(StandardCharsets.UTF_8));
                }
            });
            String next = reply.get(0).toString();
            return "0".equals(next) || found.size() >= limit
                    ? Uni.createFrom().item(found) : scan(pattern, next, found, limit);
        });
    }

    private Uni<List<DueTimer>> timers(UUID workspaceId, UUID automationId, String cursor, List<DueTimer> found,
                                       int limit) {
        return redis.execute("ZSCAN", RedisKeys.timers(workspaceId), cursor, "MATCH",
                RedisKeys.timersOf(automationId), "COUNT", SCAN_BATCH).chain(reply -> {
                    Response pairs = reply.get(1);
                    for (int i = 0; i + 1 < pairs.size() && found.size() < limit; i += 2) {
                        BucketKey key = RedisKeys.fromTimerMember(workspaceId, pairs.get(i).toString(StandardCharsets.UTF_8));
                        long due = (long) Double.parseDouble(pairs.get(i + 1).toString());
                        found.add(new DueTimer(key, Instant.ofEpochMilli(due)));
                    }
                    String next = reply.get(0).toString();
                    return "0".equals(next) || found.size() >= limit
                            ? Uni.createFrom().item(found) : timers(workspaceId, automationId, next, found, limit);
                });
    }

    private Uni<List<String>> values(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return redis.execute("MGET", keys.toArray(String[]::new)).map(reply -> {
            List<String> values = new ArrayList<>(keys.size());
            reply.forEach(value -> values.add(value == null ? null : value.toString(StandardCharsets.UTF_8)));
            return values;
        });
    }

    private List<StoredBucket> buckets(List<String> keys, List<String> values) {
        List<StoredBucket> buckets = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(i) == null) {
                continue; // expired between SCAN and MGET
            }
            BucketCodec.Decoded decoded;
            try {
                decoded = codec.read(values.get(i));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("unreadable bucket " + keys.get(i), e);
            }
            buckets.add(new StoredBucket(RedisKeys.triggerOfBucket(keys.get(i)), decoded.values(), decoded.bucket()));
        }
        return buckets;
    }

    private List<StoredComposite> composites(List<String> keys, List<String> values) {
        List<StoredComposite> composites = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(i) == null) {
                continue;
            }
            StateSnapshot snapshot = new StateSnapshot(json, java.util.Map.of(keys.get(i), values.get(i)));
            UUID triggerId = RedisKeys.triggerOfComposite(keys.get(i));
            composites.add(new StoredComposite(triggerId, snapshot.compositeAt(keys.get(i))));
        }
        return composites;
    }
}
