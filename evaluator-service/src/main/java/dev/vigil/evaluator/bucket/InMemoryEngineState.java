package dev.vigil.evaluator.bucket;

import dev.vigil.model.firing.Firing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/** Engine state in memory: for backtests and unit tests. */
public class InMemoryEngineState extends InMemoryBucketStore implements EngineState {

    /** Ties on the due time go in arming order: deterministic, and cheap to compare. */
    private record Armed(Instant due, long sequence, BucketKey key) {
    }

    private static final Comparator<Armed> BY_DUE = Comparator.comparing(Armed::due)
            .thenComparingLong(Armed::sequence);

    private final Map<BucketKey, Armed> timers = new HashMap<>();
    private final TreeSet<Armed> byDue = new TreeSet<>(BY_DUE);
    private final Map<CompositeKey, Map<UUID, Firing>> composites = new HashMap<>();
    private final Map<CompositeKey, Firing> firedBy = new HashMap<>();
    private long armed;

    @Override
    public void arm(BucketKey key, Instant due) {
        disarm(key);
        Armed timer = new Armed(due, armed++, key);
        timers.put(key, timer);
        byDue.add(timer);
    }

    @Override
    public void disarm(BucketKey key) {
        Armed timer = timers.remove(key);
        if (timer != null) {
            byDue.remove(timer);
        }
    }

    @Override
    public List<DueTimer> due(Instant upTo) {
        List<DueTimer> due = new ArrayList<>();
        for (Armed timer : byDue) {
            if (timer.due().isAfter(upTo)) {
                break;
            }
            due.add(new DueTimer(timer.key(), timer.due()));
        }
        return due;
    }

    @Override
    public Map<UUID, Firing> childFirings(CompositeKey key) {
        return composites.getOrDefault(key, Map.of());
    }

    @Override
    public void saveChildFirings(CompositeKey key, Map<UUID, Firing> firings) {
        if (firings.isEmpty()) {
            composites.remove(key);
        } else {
            composites.put(key, Map.copyOf(firings));
        }
    }

    @Override
    public Optional<Firing> firedBy(CompositeKey key) {
        return Optional.ofNullable(firedBy.get(key));
    }

    @Override
    public void saveFiredBy(CompositeKey key, Firing child) {
        if (child == null) {
            firedBy.remove(key);
        } else {
            firedBy.put(key, child);
        }
    }

    /** Every armed timer, earliest first. */
    public List<DueTimer> timers() {
        return byDue.stream().map(t -> new DueTimer(t.key(), t.due())).toList();
    }
}
