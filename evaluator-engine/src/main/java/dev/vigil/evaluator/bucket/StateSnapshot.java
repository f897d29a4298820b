package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluator.metric.MetricKey;
import dev.vigil.evaluator.metric.MetricWatch;
import dev.vigil.evaluator.metric.MetricWatchStore;
import dev.vigil.model.firing.Firing;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The state one evaluation can touch, as read from Redis, used as the engine's working state.
 * Remembers what was read, so the commit can check nothing changed meanwhile, and which timers
 * were armed or disarmed. Reading a key that was not loaded is a bug, and fails loudly.
 */
public final class StateSnapshot implements EngineState, MetricWatchStore {

    private static final TypeReference<Map<UUID, Firing>> CHILD_FIRINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final BucketCodec buckets;
    private final Map<String, String> read = new LinkedHashMap<>();
    private final Map<String, String> current = new LinkedHashMap<>();
    private final Map<BucketKey, Instant> timerChanges = new LinkedHashMap<>();
    private final Map<BucketKey, String> bucketKeys = new HashMap<>();

    public StateSnapshot(ObjectMapper json, Map<String, String> readValues) {
        this(json, readValues, Map.of());
    }

    /** With the Redis names of bucket keys already built ({@link RedisKeys#bucket} takes a digest). */
    public StateSnapshot(ObjectMapper json, Map<String, String> readValues, Map<BucketKey, String> bucketKeys) {
        this.bucketKeys.putAll(bucketKeys);
        this.json = json;
        this.buckets = new BucketCodec(json);
        readValues.forEach((key, value) -> {
            String stored = value == null ? "" : value;
            read.put(key, stored);
            current.put(key, stored);
        });
    }

    @Override
    public Optional<Bucket> find(BucketKey key) {
        String value = value(redisKey(key));
        return value.isEmpty() ? Optional.empty() : Optional.of(buckets.read(value).bucket());
    }

    @Override
    public void save(BucketKey key, Bucket bucket) {
        // The key's values go along, since the Redis key holds only their digest and the state view shows them.
        put(redisKey(key), buckets.write(bucket, key.values()));
    }

    @Override
    public void delete(BucketKey key) {
        put(redisKey(key), "");
    }

    @Override
    public Map<UUID, Firing> childFirings(CompositeKey key) {
        return composite(key).children();
    }

    @Override
    public void saveChildFirings(CompositeKey key, Map<UUID, Firing> firings) {
        saveComposite(key, composite(key).withChildren(firings));
    }

    @Override
    public Optional<Firing> firedBy(CompositeKey key) {
        return Optional.ofNullable(composite(key).firedBy());
    }

    @Override
    public void saveFiredBy(CompositeKey key, Firing child) {
        saveComposite(key, composite(key).withFiredBy(child));
    }

    @Override
    public Optional<MetricWatch> watch(MetricKey key) {
        String value = value(RedisKeys.metricWatch(key));
        return value.isEmpty() ? Optional.empty() : Optional.of(MetricWatch.decode(value));
    }

    @Override
    public void saveWatch(MetricKey key, MetricWatch watch) {
        put(RedisKeys.metricWatch(key), watch.encode());
    }

    private CompositeState composite(CompositeKey key) {
        return compositeAt(RedisKeys.composite(key));
    }

    /** The composite state stored under a Redis key that was loaded. */
    public CompositeState compositeAt(String redisKey) {
        String value = value(redisKey);
        if (value.isEmpty()) {
            return CompositeState.EMPTY;
        }
        try {
            JsonNode node = json.readTree(value);
            if (node.has("children") || node.has("fired_by")) {
                return json.treeToValue(node, CompositeState.class);
            }
            // Written before composites could be resolved: only the child firings.
            return new CompositeState(json.convertValue(node, CHILD_FIRINGS), null);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("unreadable composite state", e);
        }
    }

    private void saveComposite(CompositeKey key, CompositeState state) {
        put(RedisKeys.composite(key), state.isEmpty() ? "" : write(state));
    }

    @Override
    public void arm(BucketKey key, Instant due) {
        timerChanges.put(key, due);
    }

    @Override
    public void disarm(BucketKey key) {
        timerChanges.put(key, null);
    }

    /** Timers come from the timers sorted set, not from a snapshot. */
    @Override
    public List<DueTimer> due(Instant upTo) {
        return List.of();
    }

    /** Every key read, with the value read ('' when absent). */
    public Map<String, String> readValues() {
        return read;
    }

    /** What to write for a key that was read: '' to delete, '=' when unchanged, else the new value. */
    public String writeValue(String key) {
        String now = current.get(key);
        return now.equals(read.get(key)) ? "=" : now;
    }

    /** Buckets whose timer was armed (with its due time) or disarmed (null). */
    public Map<BucketKey, Instant> timerChanges() {
        return timerChanges;
    }

    /** A bucket's Redis key, built once per snapshot: it takes a digest of the key's values. */
    private String redisKey(BucketKey key) {
        return bucketKeys.computeIfAbsent(key, RedisKeys::bucket);
    }

    private String value(String key) {
        String value = current.get(key);
        if (value == null) {
            throw new IllegalStateException("state " + key + " was not loaded before evaluation");
        }
        return value;
    }

    private void put(String key, String value) {
        value(key);
        current.put(key, value);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable engine state", e);
        }
    }
}
