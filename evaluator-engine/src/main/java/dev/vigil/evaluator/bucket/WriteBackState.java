package dev.vigil.evaluator.bucket;

import dev.vigil.model.firing.Firing;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Engine state in front of another one: reads each bucket and composite once, keeps the engine's
 * changes in memory, and hands only the final values to the state behind it on {@link #flush}.
 * A batch of events that touches a bucket many times thus decodes and encodes it once. Timers go
 * straight through, in order.
 */
public final class WriteBackState implements EngineState {

    private final EngineState target;
    private final Map<BucketKey, Optional<Bucket>> buckets = new HashMap<>();
    private final Set<BucketKey> changedBuckets = new LinkedHashSet<>();
    private final Map<CompositeKey, Map<UUID, Firing>> composites = new HashMap<>();
    private final Set<CompositeKey> changedComposites = new LinkedHashSet<>();

    public WriteBackState(EngineState target) {
        this.target = target;
    }

    @Override
    public Optional<Bucket> find(BucketKey key) {
        return buckets.computeIfAbsent(key, target::find);
    }

    @Override
    public void save(BucketKey key, Bucket bucket) {
        buckets.put(key, Optional.of(bucket));
        changedBuckets.add(key);
    }

    @Override
    public void delete(BucketKey key) {
        buckets.put(key, Optional.empty());
        changedBuckets.add(key);
    }

    @Override
    public Map<UUID, Firing> childFirings(CompositeKey key) {
        return composites.computeIfAbsent(key, target::childFirings);
    }

    @Override
    public void saveChildFirings(CompositeKey key, Map<UUID, Firing> firings) {
        composites.put(key, Map.copyOf(firings));
        changedComposites.add(key);
    }

    /** Passed through: the snapshot keeps it in the same composite value that {@link #flush} writes. */
    @Override
    public Optional<Firing> firedBy(CompositeKey key) {
        return target.firedBy(key);
    }

    @Override
    public void saveFiredBy(CompositeKey key, Firing child) {
        target.saveFiredBy(key, child);
    }

    @Override
    public void arm(BucketKey key, Instant due) {
        target.arm(key, due);
    }

    @Override
    public void disarm(BucketKey key) {
        target.disarm(key);
    }

    @Override
    public List<DueTimer> due(Instant upTo) {
        return target.due(upTo);
    }

    /** Writes every changed bucket and composite to the state behind, once each. */
    public void flush() {
        for (BucketKey key : changedBuckets) {
            Optional<Bucket> bucket = buckets.get(key);
            if (bucket.isPresent()) {
                target.save(key, bucket.get());
            } else {
                target.delete(key);
            }
        }
        for (CompositeKey key : changedComposites) {
            target.saveChildFirings(key, composites.get(key));
        }
        changedBuckets.clear();
        changedComposites.clear();
    }
}
