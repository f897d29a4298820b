package dev.vigil.evaluator.watermark;

import dev.vigil.evaluator.watermark.EvaluationProgress.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The watermark's arithmetic, free of Kafka and Redis. */
public final class Watermarks {

    private Watermarks() {
    }

    /**
     * What this replica can vouch for on one of its partitions, checked at {@code checkedAt}: everything
     * received before it if nothing fetched waits for evaluation and the broker has nothing more; otherwise
     * the {@code received} of the latest evaluated event. Either less {@code inFlight}: an event ingest
     * stamped earlier may still be on its way to the broker. Empty if it knows neither (the partition is
     * lagging and none of its events has been evaluated here yet): the value last published for it holds.
     */
    public static Optional<Instant> ofPartition(Progress progress, long position, OptionalLong lag, Instant checkedAt,
                                                Duration inFlight) {
        if (progress == null) {
            return Optional.empty();
        }
        boolean caughtUp = progress.nextOffset() >= position && lag.isPresent() && lag.getAsLong() == 0;
        return (caughtUp ? Optional.of(checkedAt) : Optional.ofNullable(progress.lastReceived()))
                .map(mark -> mark.minus(inFlight));
    }

    /**
     * Up to when timers may fire: the least of the published watermarks of partitions {@code 0..partitions-1}
     * and {@code now}. A partition nobody has published yet holds it; {@code maxHold} bounds how far behind
     * {@code now} it can be held.
     */
    public static Combined combine(Map<Integer, Instant> published, int partitions, Instant now, Duration maxHold) {
        Instant floor = now.minus(maxHold);
        Instant least = now;
        Integer holding = null;
        int known = Math.max(1, Math.max(partitions, published.keySet().stream().mapToInt(p -> p + 1).max().orElse(0)));
        for (int partition = 0; partition < known; partition++) {
            Instant mark = published.getOrDefault(partition, Instant.MIN);
            if (mark.isBefore(least)) {
                least = mark;
                holding = partition;
            }
        }
        boolean unpublished = holding != null && !published.containsKey(holding);
        return least.isBefore(floor)
                ? new Combined(floor, holding, true, unpublished)
                : new Combined(least, holding, false, unpublished);
    }

    /**
     * @param upTo        timers due at or before this fire
     * @param holding     the partition with the least watermark, if it is behind {@code now}
     * @param bounded     whether {@code max-hold} applied, so events not yet evaluated may be missed
     * @param unpublished whether that partition has no watermark at all yet (as at a first start)
     */
    public record Combined(Instant upTo, Integer holding, boolean bounded, boolean unpublished) {
    }
}
