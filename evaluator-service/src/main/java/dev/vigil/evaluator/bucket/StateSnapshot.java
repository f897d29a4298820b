package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.firing.Firing;
import java.time.Instant;
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
public final class StateSnapshot implements EngineState {

    private static final TypeReference<Map<UUID, Firing>> CHILD_FIRINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final Map<String, String> read = new LinkedHashMap<>();
    private final Map<String, String> current = new LinkedHashMap<>();
    private final Map<BucketKey, Instant> timerChanges = new LinkedHashMap<>();

    public StateSnapshot(ObjectMapper json, Map<String, String> readValues) {
        this.json = json;
        readValues.forEach((key, value) -> {
            String stored = value == null ? "" : value;
            read.put(key, stored);
            current.put(key, stored);
        });
    }

    @Override
    public Optional<Bucket> find(BucketKey key) {
        String value = value(RedisKeys.bucket(key));
        return value.isEmpty() ? Optional.empty() : Optional.of(parse(value, Bucket.class));
    }

    @Override
    public void save(BucketKey key, Bucket bucket) {
        put(RedisKeys.bucket(key), write(bucket));
    }

    @Override
    public void delete(BucketKey key) {
        put(RedisKeys.bucket(key), "");
    }

    @Override
    public Map<UUID, Firing> childFirings(CompositeKey key) {
        String value = value(RedisKeys.composite(key));
        if (value.isEmpty()) {
            return Map.of();
        }
        try {
            return json.readValue(value, CHILD_FIRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable composite state", e);
        }
    }

    @Override
    public void saveChildFirings(CompositeKey key, Map<UUID, Firing> firings) {
        put(RedisKeys.composite(key), firings.isEmpty() ? "" : write(firings));
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

    private <T> T parse(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable engine state", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable engine state", e);
        }
    }
}
