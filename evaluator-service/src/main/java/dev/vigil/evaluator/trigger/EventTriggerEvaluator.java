package dev.vigil.evaluator.trigger;

import dev.vigil.evaluator.bucket.Bucket;
import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.BucketStore;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Prefect's bucket state machine for one {@link EventTrigger}, in event time: "now" is the
 * event's {@code occurred}. Pure: all state goes through the {@link BucketStore}.
 */
public final class EventTriggerEvaluator {

    /** The first window for a bucket opens this long before its first event, so late events still count. */
    public static final Duration LOOKBACK = Duration.ofMinutes(15);

    private final UUID workspaceId;
    private final UUID automationId;
    private final EventTriggerMatcher matcher;
    private final EventTrigger trigger;

    public EventTriggerEvaluator(UUID workspaceId, UUID automationId, EventTriggerMatcher matcher) {
        this.workspaceId = workspaceId;
        this.automationId = automationId;
        this.matcher = matcher;
        this.trigger = matcher.trigger();
    }

    public EventTriggerMatcher matcher() {
        return matcher;
    }

    public UUID automationId() {
        return automationId;
    }

    /** The key of the bucket this event falls into. */
    public BucketKey bucketKey(ReceivedEvent event) {
        return new BucketKey(workspaceId, automationId, trigger.id(), matcher.bucketValues(event));
    }

    /** Counts the event into its bucket and returns the firings it causes (none, or one). */
    public List<Firing> onEvent(ReceivedEvent event, BucketStore store) {
        if (!matcher.covers(event)) {
            return List.of();
        }
        BucketKey key = bucketKey(event);
        Instant occurred = event.occurred().toInstant();
        String name = event.event();
        Bucket bucket = null;
        if (!trigger.after().isEmpty() && matcher.startsAfter(name)) {
            bucket = ensure(store, key, event, occurred, matcher.expects(name) ? -1 : 0);
        } else if (trigger.after().isEmpty() && matcher.expects(name)) {
            bucket = ensure(store, key, event, occurred.minus(LOOKBACK), 0);
        }
        if (!matcher.expects(name)) {
            return List.of();
        }
        if (bucket == null) {
            Optional<Bucket> existing = store.find(key);
            if (existing.isEmpty()) {
                return List.of();
            }
            bucket = existing.get();
        }
        List<Firing> firings = new ArrayList<>(1);
        evaluate(key, bucket, occurred, event, store, firings);
        return firings;
    }

    private Bucket ensure(BucketStore store, BucketKey key, ReceivedEvent event, Instant start, int count) {
        Bucket bucket = store.find(key)
                .map(existing -> existing.withLastEvent(event))
                .orElseGet(() -> new Bucket(start, event.occurred().toInstant().plus(trigger.within()), count, event));
        store.save(key, bucket);
        return bucket;
    }

    private void evaluate(BucketKey key, Bucket bucket, Instant now, ReceivedEvent event, BucketStore store,
                          List<Firing> firings) {
        if (now.isBefore(bucket.start())) {
            return;
        }
        boolean reactive = trigger.posture() == Posture.Reactive;
        boolean withinWindow = !now.isBefore(bucket.start()) && now.isBefore(bucket.end());
        boolean counted = event != null && ((reactive && trigger.within().isZero()) || withinWindow);
        if (counted) {
            bucket = bucket.counting(event);
        }
        boolean fired = false;
        if ((reactive || !now.isBefore(bucket.end())) && meetsThreshold(bucket.count())) {
            ReceivedEvent triggering = event != null ? event : bucket.lastEvent();
            firings.add(firing(key, now, triggering));
            store.delete(key);
            fired = true;
        } else if (now.isBefore(bucket.end())) {
            store.save(key, bucket);
            return;
        }
        if (!trigger.after().isEmpty()) {
            store.delete(key);
            return;
        }
        if (trigger.within().isZero()) {
            if (!fired) {
                store.save(key, bucket);
            }
            return;
        }
        Instant nextStart = bucket.end().isAfter(now) ? bucket.end() : now;
        Instant nextEnd = nextStart.plus(trigger.within());
        boolean unspentEvent = event != null && !counted;
        if (reactive && unspentEvent) {
            Bucket next = new Bucket(nextStart, nextEnd, 0, null);
            store.save(key, next);
            evaluate(key, next, now, event, store, firings);
        } else {
            store.save(key, new Bucket(nextStart, nextEnd, unspentEvent ? 1 : 0, null));
        }
    }

    private boolean meetsThreshold(int count) {
        return trigger.posture() == Posture.Reactive ? count >= trigger.threshold() : count < trigger.threshold();
    }

    private Firing firing(BucketKey key, Instant now, ReceivedEvent triggering) {
        return new Firing(firingId(key, now, triggering), trigger.id(), FiringState.Triggered,
                now.atOffset(ZoneOffset.UTC), matcher.triggeringLabels(key.values()), List.of(), triggering);
    }

    /**
     * Deterministic, so that evaluating the same event against the same state again (after a
     * crash before the offset commit) yields the same firing id and the same idempotency keys.
     */
    private static UUID firingId(BucketKey key, Instant now, ReceivedEvent triggering) {
        String seed = key + "|" + now + "|" + (triggering == null ? "" : triggering.id());
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }
}
