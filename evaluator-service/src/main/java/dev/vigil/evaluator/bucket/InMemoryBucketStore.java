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
        buckets.put(key, bucket);
    }

    @Override
    public void delete(BucketKey key) {
        buckets.remove(key);
    }

    public Map<BucketKey, Bucket> all() {
        return Map.copyOf(buckets);
    }
}
