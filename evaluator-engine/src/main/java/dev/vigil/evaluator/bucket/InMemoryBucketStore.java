package dev.vigil.evaluator.bucket;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A bucket store held in a map: for backtests, unit tests, and as the working copy of live evaluation. */
public class InMemoryBucketStore implements BucketStore {

    private final Map<BucketKey, Bucket> buckets = new HashMap<>();

    @Override
    public Optional<Bucket> find(BucketKey key) {
        return Optional.ofNullable(buckets.get(key));
    }

    @Override
    public void save(BucketKey key, Bucket bucket) {
        Bucket previous = buckets.put(key, bucket);
        if (previous == null || !previous.end().equals(bucket.end())) {
            windowChanged(key, bucket);
        }
    }

    @Override
    public void delete(BucketKey key) {
        buckets.remove(key);
    }

    /** Called when a bucket is saved with a new window end; lets a subclass keep an expiry index. */
    protected void windowChanged(BucketKey key, Bucket bucket) {
    }

    /** The bucket stored under {@code key}, or null. */
    protected Bucket get(BucketKey key) {
        return buckets.get(key);
    }

    public int size() {
        return buckets.size();
    }

    public Map<BucketKey, Bucket> all() {
        return Map.copyOf(buckets);
    }
}
