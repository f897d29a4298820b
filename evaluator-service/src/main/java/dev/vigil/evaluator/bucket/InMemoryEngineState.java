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

    private static final Comparator<DueTimer> BY_DUE = Comparator.comparing(DueTimer::due)
            .thenComparing(t -> t.key().toString());

    private final Map<BucketKey, Instant> timers = new HashMap<>();
    private final TreeSet<DueTimer> byDue = new TreeSet<>(BY_DUE);
    private final Map<CompositeKey, Map<UUID, Firing>> composites = new HashMap<>();
    private final Map<CompositeKey, Firing> firedBy = new HashMap<>();

    @Override
    public void arm(BucketKey key, Instant due) {
        disarm(key);
        timers.put(key, due);
        byDue.add(new DueTimer(key, due));
    }

    @Override
    public void disarm(BucketKey key) {
        Instant due = timers.remove(key);
        if (due != null) {
            byDue.remove(new DueTimer(key, due));
        }
    }

    @Override
    public List<DueTimer> due(Instant upTo) {
        List<DueTimer> due = new ArrayList<>();
        for (DueTimer timer : byDue) {
            if (timer.due().isAfter(upTo)) {
                break;
            }
            due.add(timer);
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
        return List.copyOf(byDue);
    }
}
