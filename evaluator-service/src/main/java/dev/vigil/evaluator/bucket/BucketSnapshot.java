package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The buckets one event can touch, as read from Redis, used as the engine's working store.
 * Remembers what was read so the commit can check nothing changed meanwhile.
 */
public final class BucketSnapshot implements BucketStore {

    private final ObjectMapper json;
    private final Map<BucketKey, String> read = new LinkedHashMap<>();
    private final InMemoryBucketStore working = new InMemoryBucketStore();

    public BucketSnapshot(ObjectMapper json, List<BucketKey> keys, List<String> values) {
        this.json = json;
        for (int i = 0; i < keys.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i);
            read.put(keys.get(i), value);
            if (!value.isEmpty()) {
                working.save(keys.get(i), parse(value));
            }
        }
    }

    @Override
    public Optional<Bucket> find(BucketKey key) {
        requireRead(key);
        return working.find(key);
    }

    @Override
    public void save(BucketKey key, Bucket bucket) {
        requireRead(key);
        working.save(key, bucket);
    }

    @Override
    public void delete(BucketKey key) {
        requireRead(key);
        working.delete(key);
    }

    /** Every key read, with the value read ('' when absent). */
    public Map<BucketKey, String> readValues() {
        return read;
    }

    /** What to write for {@code key}: '' to delete, '=' when unchanged, else the new JSON. */
    public String writeValue(BucketKey key) {
        String now = working.find(key).map(this::write).orElse("");
        return now.equals(read.get(key)) ? "=" : now;
    }

    private void requireRead(BucketKey key) {
        if (!read.containsKey(key)) {
            throw new IllegalStateException("bucket " + key + " was not loaded before evaluation");
        }
    }

    private Bucket parse(String value) {
        try {
            return json.readValue(value, Bucket.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable bucket state", e);
        }
    }

    private String write(Bucket bucket) {
        try {
            return json.writeValueAsString(bucket);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable bucket state", e);
        }
    }
}
