package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.firing.Firing;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The state one evaluation (an event, a batch of events, a timer) can touch, as read from Redis,
 * used as the engine's working state. Remembers what was read, so the commit can check nothing
 * changed meanwhile, and which timers were armed or disarmed. Values are parsed on first use and
 * written back as JSON only at commit, so a batch that touches a bucket many times parses and
 * writes it once. Reading a key that was not loaded is a bug, and fails loudly.
 */
public final class StateSnapshot implements EngineState {

    private static final TypeReference<Map<UUID, Firing>> CHILD_FIRINGS = new TypeReference<>() {
    };
    /** The working value of a key that is (now) absent. */
    private static final Object ABSENT = new Object();

    private final ObjectMapper json;
    private final Map<String, String> read = new LinkedHashMap<>();
    /** Per key: the JSON read (not parsed yet), a parsed or saved value, or {@link #ABSENT}. */
    private final Map<String, Object> current = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final Map<BucketKey, Instant> timerChanges = new LinkedHashMap<>();

    public StateSnapshot(ObjectMapper json, Map<String, String> readValues) {
        this.json = json;
        readValues.forEach((key, value) -> {
            String stored = value == null ? "" : value;
            read.put(key, stored);
            current.put(key, stored.isEmpty() ? ABSENT : stored);
        });
    }

    @Override
    public Optional<Bucket> find(BucketKey key) {
        return Optional.ofNullable(value(RedisKeys.bucket(key), Bucket.class));
    }

    @Override
    public void save(BucketKey key, Bucket bucket) {
        put(RedisKeys.bucket(key), bucket);
    }

    @Override
    public void delete(BucketKey key) {
        put(RedisKeys.bucket(key), ABSENT);
    }

    @Override
    public Map<UUID, Firing> childFirings(CompositeKey key) {
        String redisKey = RedisKeys.composite(key);
        Object value = loaded(redisKey);
        if (value == ABSENT) {
            return Map.of();
        }
        if (value instanceof String text) {
            try {
                Map<UUID, Firing> parsed = Collections.unmodifiableMap(json.readValue(text, CHILD_FIRINGS));
                current.put(redisKey, parsed);
                return parsed;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable composite state", e);
            }
        }
        @SuppressWarnings("unchecked")
        Map<UUID, Firing> firings = (Map<UUID, Firing>) value;
        return firings;
    }

    @Override
    public void saveChildFirings(CompositeKey key, Map<UUID, Firing> firings) {
        put(RedisKeys.composite(key), firings.isEmpty() ? ABSENT : Collections.unmodifiableMap(
                new LinkedHashMap<>(firings)));
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
        if (!changed.contains(key)) {
            return "=";
        }
        Object value = current.get(key);
        String now = value == ABSENT ? "" : value instanceof String text ? text : write(value);
        return now.equals(read.get(key)) ? "=" : now;
    }

    /** Buckets whose timer was armed (with its due time) or disarmed (null). */
    public Map<BucketKey, Instant> timerChanges() {
        return timerChanges;
    }

    private <T> T value(String key, Class<T> type) {
        Object value = loaded(key);
        if (value == ABSENT) {
            return null;
        }
        if (value instanceof String text) {
            T parsed = parse(text, type);
            current.put(key, parsed);
            return parsed;
        }
        return type.cast(value);
    }

    private Object loaded(String key) {
        Object value = current.get(key);
        if (value == null) {
            throw new IllegalStateException("state " + key + " was not loaded before evaluation");
        }
        return value;
    }

    private void put(String key, Object value) {
        loaded(key);
        current.put(key, value);
        changed.add(key);
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
