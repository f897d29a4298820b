package dev.vigil.evaluator.bucket;

import dev.vigil.model.firing.Firing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
    /** Keys by the epoch second their window ends (as saved; a key whose window moved is checked when swept). */
    private final TreeMap<Long, List<BucketKey>> byEndSecond = new TreeMap<>();
    private long lastEndSecond = Long.MIN_VALUE;
    private List<BucketKey> lastEndKeys;

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

    /**
     * Forgets buckets whose window ended before {@code cutoff} and that no timer watches, as
     * Redis's TTLs do for live state; an event for such a bucket starts it afresh. Costs what it
     * removes, not what is stored: buckets are indexed by the second their window ends.
     */
    public void sweepEndedBefore(Instant cutoff) {
        long cutoffSecond = cutoff.getEpochSecond();
        while (!byEndSecond.isEmpty() && byEndSecond.firstKey() < cutoffSecond) {
            // A key whose window moved on since was indexed again under its new end.
            for (BucketKey key : byEndSecond.pollFirstEntry().getValue()) {
                Bucket bucket = get(key);
                if (bucket != null && bucket.end().isBefore(cutoff) && !timers.containsKey(key)) {
                    delete(key);
                }
            }
        }
        lastEndSecond = Long.MIN_VALUE;
    }

    @Override
    protected void windowChanged(BucketKey key, Bucket bucket) {
        long second = bucket.end().getEpochSecond();
        if (second != lastEndSecond) {
            lastEndKeys = endsAt(second);
            lastEndSecond = second;
        }
        lastEndKeys.add(key);
    }

    private List<BucketKey> endsAt(long second) {
        return byEndSecond.computeIfAbsent(second, k -> new ArrayList<>());
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
