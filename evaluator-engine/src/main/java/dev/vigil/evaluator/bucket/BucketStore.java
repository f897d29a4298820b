package dev.vigil.evaluator.bucket;

import java.util.Optional;

/**
 * Where the engine keeps buckets while it evaluates. Synchronous and in memory by design: live
 * evaluation loads the buckets an event can touch from Redis first, and writes the changes back
 * atomically afterwards; backtest uses a plain map.
 */
public interface BucketStore {

    Optional<Bucket> find(BucketKey key);

    void save(BucketKey key, Bucket bucket);

    void delete(BucketKey key);
}
