package dev.vigil.ingest.stream;

import dev.vigil.ingest.history.EventFilterMatcher;
import dev.vigil.model.event.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One {@code /api/events/out} client's view of the live stream. While the backfill runs, matching
 * live events wait in a buffer; afterwards they are sent straight away, skipping any the backfill
 * already sent. At most {@code maxPending} frames may wait (buffered or unsent); one more and the
 * client is dropped as too slow, so a slow client cannot grow the server's memory.
 */
public final class LiveSubscription {

    private final UUID workspace;
    private final EventFilterMatcher matcher;
    private final Function<ReceivedEvent, Uni<Void>> send;
    private final Consumer<String> drop;
    private final int maxPending;
    private final Deque<ReceivedEvent> buffer = new ArrayDeque<>();
    private Set<UUID> backfilled = Set.of();
    private boolean live;
    private boolean dropped;
    private int pending;

    public LiveSubscription(UUID workspace, EventFilterMatcher matcher, Function<ReceivedEvent, Uni<Void>> send,
            Consumer<String> drop, int maxPending) {
        this.workspace = workspace;
        this.matcher = matcher;
        this.send = send;
        this.drop = drop;
        this.maxPending = maxPending;
    }

    /** Offers one event of the live stream. */
    public void offer(UUID eventWorkspace, ReceivedEvent event) {
        if (!workspace.equals(eventWorkspace) || !matcher.matches(event)) {
            return;
        }
        synchronized (this) {
            if (dropped) {
                return;
            }
            if (!live) {
                if (buffer.size() >= maxPending) {
                    tooSlow();
                    return;
                }
                buffer.add(event);
                return;
            }
        }
        deliver(event);
    }

    /** The backfill is done: sends what arrived meanwhile (minus what it sent) and goes live. */
    public void goLive(Set<UUID> alreadySent) {
        Deque<ReceivedEvent> waiting;
        synchronized (this) {
            backfilled = alreadySent;
            live = true;
            waiting = new ArrayDeque<>(buffer);
            buffer.clear();
        }
        for (ReceivedEvent event : waiting) {
            deliver(event);
        }
        synchronized (this) {
            backfilled = Set.of();
        }
    }

    private void deliver(ReceivedEvent event) {
        synchronized (this) {
            if (dropped || backfilled.contains(event.id())) {
                return;
            }
            if (pending >= maxPending) {
                tooSlow();
                return;
            }
            pending++;
        }
        send.apply(event).subscribe().with(ok -> sent(), failure -> sent());
    }

    private synchronized void sent() {
        pending--;
    }

    private void tooSlow() {
        dropped = true;
        buffer.clear();
        drop.accept("Client too slow: more than " + maxPending + " events unsent");
    }

    public synchronized boolean isDropped() {
        return dropped;
    }
}
