package dev.vigil.evaluator.trigger;

import dev.vigil.evaluator.bucket.Bucket;
import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.EngineState;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.id.NameUuids;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Prefect's bucket state machine for one {@link EventTrigger}, in event time: "now" is the
 * event's {@code occurred}, or a window's end for proactive evaluation. Pure: all state goes
 * through the {@link EngineState}. Proactive windows arm a timer at their end.
 */
public final class EventTriggerEvaluator {

    /** The first window for a bucket opens this long before its first event, so late events still count. */
    public static final Duration LOOKBACK = Duration.ofMinutes(15);

    private final UUID workspaceId;
    private final UUID automationId;
    private final EventTriggerMatcher matcher;
    private final EventTrigger trigger;
    private final boolean proactive;

    public EventTriggerEvaluator(UUID workspaceId, UUID automationId, EventTriggerMatcher matcher) {
        this.workspaceId = workspaceId;
        this.automationId = automationId;
        this.matcher = matcher;
        this.trigger = matcher.trigger();
        this.proactive = trigger.posture() == Posture.Proactive;
    }

    public EventTriggerMatcher matcher() {
        return matcher;
    }

    public UUID automationId() {
        return automationId;
    }

    public EventTrigger trigger() {
        return trigger;
    }

    /** The key of the bucket this event falls into. */
    public BucketKey bucketKey(ReceivedEvent event) {
        return new BucketKey(workspaceId, automationId, trigger.id(), matcher.bucketValues(event));
    }

    /** The single bucket of a trigger without {@code for_each}. */
    public BucketKey unkeyedBucket() {
        return new BucketKey(workspaceId, automationId, trigger.id(), List.of());
    }

    /**
     * Opens the first window of an unkeyed proactive trigger when its automation is loaded. One
     * with {@code after} waits for an {@code after} event instead (a deliberate difference from Prefect).
     */
    public void onLoad(Instant at, EngineState state) {
        if (!proactive || !trigger.forEach().isEmpty() || !trigger.after().isEmpty()) {
            return;
        }
        BucketKey key = unkeyedBucket();
        if (state.find(key).isEmpty()) {
            save(state, key, new Bucket(at, at.plus(trigger.within()), 0, null));
        }
    }

    /**
     * Counts the event into its bucket and returns the firings it causes: at most one Triggered,
     * and a Resolved when an expected event arrives for a fired proactive bucket.
     */
    public List<Firing> onEvent(ReceivedEvent event, EngineState state) {
        if (!matcher.covers(event)) {
            return List.of();
        }
        BucketKey key = bucketKey(event);
        Instant occurred = event.occurred().toInstant();
        String name = event.event();
        List<Firing> firings = new ArrayList<>(1);
        if (proactive && !trigger.after().isEmpty() && !resolveParked(key, event, state, firings)) {
            return firings;
        }
        Bucket bucket = null;
        if (!trigger.after().isEmpty() && matcher.startsAfter(name)) {
            bucket = ensure(state, key, event, occurred, matcher.expects(name) ? -1 : 0);
        } else if (trigger.after().isEmpty() && matcher.expects(name)) {
            bucket = ensure(state, key, event, occurred.minus(LOOKBACK), 0);
        }
        if (!matcher.expects(name)) {
            return firings;
        }
        if (bucket == null) {
            Optional<Bucket> existing = state.find(key);
            if (existing.isEmpty()) {
                return firings;
            }
            bucket = existing.get();
        }
        evaluate(key, bucket, occurred, event, state, firings);
        if (proactive) {
            resolveOnArrival(key, event, state, firings);
        }
        return firings;
    }

    /**
     * A fired bucket of a proactive trigger with {@code after} is parked: no window, only waiting
     * for an expected event to resolve it. Returns whether the event should go on to the normal
     * evaluation (there was no parked bucket, or the event both resolves it and opens a new window).
     */
    private boolean resolveParked(BucketKey key, ReceivedEvent event, EngineState state, List<Firing> firings) {
        Optional<Bucket> parked = state.find(key).filter(b -> b.triggered() != null);
        if (parked.isEmpty()) {
            return true;
        }
        Instant occurred = event.occurred().toInstant();
        if (!matcher.expects(event.event()) || occurred.isBefore(parked.get().triggered())) {
            return false;
        }
        delete(state, key);
        firings.add(resolution(key, occurred, event));
        return matcher.startsAfter(event.event());
    }

    /** An expected event arriving for a fired proactive bucket resolves it. */
    private void resolveOnArrival(BucketKey key, ReceivedEvent event, EngineState state, List<Firing> firings) {
        Optional<Bucket> found = state.find(key);
        Instant occurred = event.occurred().toInstant();
        if (found.isEmpty() || found.get().triggered() == null || occurred.isBefore(found.get().triggered())) {
            return;
        }
        firings.add(resolution(key, occurred, event));
        if (trigger.after().isEmpty()) {
            save(state, key, found.get().resolved());
        } else {
            delete(state, key);
        }
    }

    /**
     * A proactive window has ended: fires if too few expected events came. A satisfied window of
     * an unkeyed trigger is followed at once by the next one (no unwatched gap, unlike Prefect);
     * a satisfied keyed one is forgotten until its next event. For a reactive bucket that fired,
     * the end of the following window resolves it.
     */
    public List<Firing> onWindowEnd(BucketKey key, Instant now, EngineState state) {
        Optional<Bucket> found = state.find(key);
        if (found.isEmpty() || (!proactive && found.get().triggered() == null)) {
            state.disarm(key);
            return List.of();
        }
        Bucket bucket = found.get();
        if (proactive && !trigger.after().isEmpty() && bucket.triggered() != null) {
            // Parked: it fired and has no window. The timer was read before that firing (another replica).
            state.disarm(key);
            return List.of();
        }
        if (bucket.end().isAfter(now)) {
            // A stale timer: the window moved on (another replica, or an event) since it was armed.
            state.arm(key, bucket.end());
            return List.of();
        }
        if (!proactive) {
            // The window after a reactive firing closed below the threshold (reaching it fires at once).
            state.delete(key);
            state.disarm(key);
            return List.of(resolution(key, bucket.end(), null));
        }
        if (meetsThreshold(bucket.count())) {
            List<Firing> firings = new ArrayList<>(1);
            evaluate(key, bucket, bucket.end(), null, state, firings);
            return firings;
        }
        if (key.values().isEmpty() && trigger.after().isEmpty()) {
            save(state, key, new Bucket(bucket.end(), bucket.end().plus(trigger.within()), 0, null));
        } else {
            delete(state, key);
        }
        return List.of();
    }

    private Bucket ensure(EngineState state, BucketKey key, ReceivedEvent event, Instant start, int count) {
        ReceivedEvent remembered = remembered(event);
        Bucket bucket = state.find(key)
                .map(existing -> existing.withLastEvent(remembered))
                .orElseGet(() -> new Bucket(start, event.occurred().toInstant().plus(trigger.within()), count,
                        remembered));
        save(state, key, bucket);
        return bucket;
    }

    private void evaluate(BucketKey key, Bucket bucket, Instant now, ReceivedEvent event, EngineState state,
                          List<Firing> firings) {
        if (now.isBefore(bucket.start())) {
            return;
        }
        boolean withinWindow = now.isBefore(bucket.end());
        boolean counted = event != null && ((!proactive && trigger.within().isZero()) || withinWindow);
        if (counted) {
            bucket = bucket.counting(remembered(event));
        }
        boolean fired = false;
        Instant triggered = bucket.triggered();
        if ((!proactive || !now.isBefore(bucket.end())) && meetsThreshold(bucket.count())) {
            ReceivedEvent triggering = event != null ? event : bucket.lastEvent();
            Instant at = proactive && event == null ? bucket.end() : now;
            firings.add(firing(key, at, triggering));
            delete(state, key);
            fired = true;
            triggered = at;
        } else if (now.isBefore(bucket.end())) {
            if (isHeartbeat(event, bucket)) {
                Instant occurred = event.occurred().toInstant();
                save(state, key, new Bucket(occurred, occurred.plus(trigger.within()), 0, remembered(event)));
            } else {
                save(state, key, bucket);
            }
            return;
        } else if (!proactive && triggered != null) {
            // An event after the window that followed a reactive firing: that window closed below the threshold.
            firings.add(resolution(key, bucket.end(), null));
            triggered = null;
        }
        if (!trigger.after().isEmpty()) {
            if (fired && proactive) {
                park(state, key, triggered);
            } else {
                delete(state, key);
            }
            return;
        }
        if (trigger.within().isZero()) {
            if (!fired) {
                save(state, key, bucket);
            }
            return;
        }
        Instant nextStart = bucket.end().isAfter(now) ? bucket.end() : now;
        Instant nextEnd = nextStart.plus(trigger.within());
        boolean unspentEvent = event != null && !counted;
        if (!proactive && unspentEvent) {
            Bucket next = new Bucket(nextStart, nextEnd, 0, null, triggered);
            save(state, key, next);
            evaluate(key, next, now, event, state, firings);
        } else {
            save(state, key, new Bucket(nextStart, nextEnd, unspentEvent ? 1 : 0, null, triggered));
        }
    }

    /**
     * The event a bucket keeps as its last: only a proactive window that ends without enough events
     * fires with it (as Prefect's triggering event); reactive firings carry the event that fired them,
     * and resolutions none. Not keeping it elsewhere spares the encoding of an event per bucket write.
     */
    private ReceivedEvent remembered(ReceivedEvent event) {
        return proactive ? event : null;
    }

    /** A fired proactive bucket with {@code after} keeps no window, only its fired state, until resolved. */
    private void park(EngineState state, BucketKey key, Instant triggered) {
        state.save(key, new Bucket(triggered, triggered, 0, null, triggered));
        state.disarm(key);
    }

    /** An event that is both {@code after} and expected and satisfies a proactive window restarts it at itself. */
    private boolean isHeartbeat(ReceivedEvent event, Bucket bucket) {
        return proactive && event != null && matcher.startsAfter(event.event()) && matcher.expects(event.event())
                && bucket.count() >= trigger.threshold();
    }

    private boolean meetsThreshold(int count) {
        return proactive ? count < trigger.threshold() : count >= trigger.threshold();
    }

    /** Proactive windows, and reactive windows that follow a firing, have a timer at their end. */
    private void save(EngineState state, BucketKey key, Bucket bucket) {
        state.save(key, bucket);
        if (proactive || bucket.triggered() != null) {
            state.arm(key, bucket.end());
        }
    }

    private void delete(EngineState state, BucketKey key) {
        state.delete(key);
        if (proactive) {
            state.disarm(key);
        }
    }

    private Firing firing(BucketKey key, Instant at, ReceivedEvent triggering) {
        return new Firing(firingId(key, at, triggering), trigger.id(), FiringState.Triggered,
                at.atOffset(ZoneOffset.UTC), matcher.triggeringLabels(key.values()), List.of(), triggering);
    }

    private Firing resolution(BucketKey key, Instant at, ReceivedEvent resolving) {
        UUID id = NameUuids.of("resolved|" + firingId(key, at, resolving));
        return new Firing(id, trigger.id(), FiringState.Resolved, at.atOffset(ZoneOffset.UTC),
                matcher.triggeringLabels(key.values()), List.of(), resolving);
    }

    /**
     * Deterministic, so that evaluating the same event against the same state again (after a
     * crash before the offset commit) yields the same firing id and the same idempotency keys.
     */
    private static UUID firingId(BucketKey key, Instant at, ReceivedEvent triggering) {
        String seed = key + "|" + at + "|" + (triggering == null ? "" : triggering.id());
        return NameUuids.of(seed);
    }
}
