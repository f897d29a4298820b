package dev.vigil.evaluator.bucket;

import dev.vigil.model.firing.Firing;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A scratch copy over another state: reads fall through to it until written, writes stay here and
 * are thrown away. Lets the engine show what an event would do without changing anything.
 */
public final class ScratchEngineState implements EngineState {

    private final EngineState base;
    private final Map<BucketKey, Optional<Bucket>> buckets = new HashMap<>();
    private final Map<CompositeKey, Map<UUID, Firing>> children = new HashMap<>();
    private final Map<CompositeKey, Optional<Firing>> firedBy = new HashMap<>();

    public ScratchEngineState(EngineState base) {
        this.base = base;
    }

    @Override
    public Optional<Bucket> find(BucketKey key) {
        Optional<Bucket> written = buckets.get(key);
        return written != null ? written : base.find(key);
    }

    @Override
    public void save(BucketKey key, Bucket bucket) {
        buckets.put(key, Optional.of(bucket));
    }

    @Override
    public void delete(BucketKey key) {
        buckets.put(key, Optional.empty());
    }

    @Override
    public void arm(BucketKey key, Instant due) {
        // Timers are not part of what an explanation shows.
    }

    @Override
    public void disarm(BucketKey key) {
        // As for arm.
    }

    @Override
    public List<DueTimer> due(Instant upTo) {
        return List.of();
    }

    @Override
    public Map<UUID, Firing> childFirings(CompositeKey key) {
        Map<UUID, Firing> written = children.get(key);
        return written != null ? written : base.childFirings(key);
    }

    @Override
    public void saveChildFirings(CompositeKey key, Map<UUID, Firing> firings) {
        children.put(key, Map.copyOf(firings));
    }

    @Override
    public Optional<Firing> firedBy(CompositeKey key) {
        Optional<Firing> written = firedBy.get(key);
        return written != null ? written : base.firedBy(key);
    }

    @Override
    public void saveFiredBy(CompositeKey key, Firing child) {
        firedBy.put(key, Optional.ofNullable(child));
    }
}
