package dev.vigil.actuator.action;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.RunSlot;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bounds the actions running at once ({@code vigil.actuator.max-concurrent-actions}), separately from
 * those held ({@link ActionConsumer}), and one workspace's share of them
 * ({@code vigil.actuator.max-concurrent-actions-per-workspace}). An action takes a slot to start and gives it up
 * while it waits ({@link RunSlot#awayDuring}); one coming back from a wait goes before actions not started yet, so
 * work already under way (and its claim) finishes first. Actions not started yet wait per workspace, and a free slot
 * goes to the workspaces in turn (round robin), so a workspace with thousands of actions queued does not hold up
 * another's next one. Waiters resume on their own Vert.x context.
 */
@ApplicationScoped
public class RunningActions {

    /** The group of slots taken without a workspace (tests). */
    private static final Object NO_WORKSPACE = new Object();

    private final int max;
    private final int perWorkspace;
    private final Deque<Waiter> resuming = new ArrayDeque<>();
    /** Workspace → its actions waiting to start; iteration order is the round robin's. */
    private final LinkedHashMap<Object, Deque<Waiter>> starting = new LinkedHashMap<>();
    private final Map<Object, Integer> runningOf = new HashMap<>();
    private int running;

    @Inject
    public RunningActions(ActuatorConfig config) {
        this(config.maxConcurrentActions(), config.maxConcurrentActionsPerWorkspace());
    }

    RunningActions(int max) {
        this(max, max);
    }

    RunningActions(int max, int perWorkspace) {
        this.max = max;
        this.perWorkspace = Math.max(1, Math.min(perWorkspace, max));
    }

    /** A slot for a new action of no workspace in particular; release it when the action is over. */
    public Uni<Slot> take() {
        return take(null);
    }

    /** A slot for a new action of {@code workspace}; release it when the action is over. */
    public Uni<Slot> take(UUID workspace) {
        Object group = workspace == null ? NO_WORKSPACE : workspace;
        return acquire(group, false).map(taken -> new Slot(group));
    }

    /** Actions holding a slot now (for tests and metrics). */
    public synchronized int running() {
        return running;
    }

    /** Actions waiting for a slot now, resuming or starting (for tests and metrics). */
    public synchronized int waiting() {
        int waiting = resuming.size();
        for (Deque<Waiter> queue : starting.values()) {
            waiting += queue.size();
        }
        return waiting;
    }

    /** Actions of {@code workspace} waiting to start now. */
    public synchronized int waitingToStart(UUID workspace) {
        Deque<Waiter> queue = starting.get(workspace);
        return queue == null ? 0 : queue.size();
    }

    private Uni<Void> acquire(Object group, boolean resume) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(group, Vertx.currentContext(), emitter);
            synchronized (this) {
                boolean free = running < max && (resume ? resuming.isEmpty()
                        : runningOf.getOrDefault(group, 0) < perWorkspace && !starting.containsKey(group));
                if (!free) {
                    if (resume) {
                        resuming.add(waiter);
                    } else {
                        starting.computeIfAbsent(group, g -> new ArrayDeque<>()).add(waiter);
                    }
                    emitter.onTermination(() -> forget(waiter));
                    return;
                }
                count(group, 1);
            }
            emitter.complete(null);
        });
    }

    private void count(Object group, int delta) {
        running += delta;
        runningOf.merge(group, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    private synchronized void forget(Waiter waiter) {
        waiter.gone = true;
        if (!resuming.remove(waiter)) {
            Deque<Waiter> queue = starting.get(waiter.group);
            if (queue != null && queue.remove(waiter) && queue.isEmpty()) {
                starting.remove(waiter.group);
            }
        }
    }

    private void release(Object group) {
        List<Waiter> granted = new ArrayList<>();
        synchronized (this) {
            count(group, -1);
            while (running < max) {
                Waiter next = resuming.poll();
                if (next == null) {
                    next = nextStarting();
                }
                if (next == null) {
                    break;
                }
                count(next.group, 1);
                granted.add(next);
            }
        }
        granted.forEach(Waiter::grant);
    }

    /** The first waiting start of the next workspace in turn that is under its share; it goes to the end of the turn. */
    private Waiter nextStarting() {
        Iterator<Map.Entry<Object, Deque<Waiter>>> turn = starting.entrySet().iterator();
        while (turn.hasNext()) {
            Map.Entry<Object, Deque<Waiter>> entry = turn.next();
            if (runningOf.getOrDefault(entry.getKey(), 0) >= perWorkspace) {
                continue;
            }
            Waiter next = entry.getValue().poll();
            turn.remove();
            if (!entry.getValue().isEmpty()) {
                starting.put(entry.getKey(), entry.getValue());
            }
            return next;
        }
        return null;
    }

    private final class Waiter {

        private final Object group;
        private final Context context;
        private final UniEmitter<? super Void> emitter;
        /** Cancelled (or already served) while queued. */
        private volatile boolean gone;

        Waiter(Object group, Context context, UniEmitter<? super Void> emitter) {
            this.group = group;
            this.context = context;
            this.emitter = emitter;
        }

        /** The slot is counted for this waiter already; a waiter gone meanwhile hands it on. */
        void grant() {
            if (context == null) {
                complete();
            } else {
                context.runOnContext(ignored -> complete());
            }
        }

        private void complete() {
            if (gone) {
                release(group);
            } else {
                emitter.complete(null);
            }
        }
    }

    /** One action's slot; held from {@link #take()} until {@link #release()}, except while away. */
    public final class Slot implements RunSlot {

        private final Object group;
        private boolean held = true;

        private Slot(Object group) {
            this.group = group;
        }

        @Override
        public <T> Uni<T> awayDuring(Uni<T> wait) {
            return Uni.createFrom().deferred(() -> {
                giveUp();
                return wait.onItemOrFailure().call(() -> acquire(group, true).invoke(this::regain));
            });
        }

        /** Gives the slot back for good; the action is over. */
        public void release() {
            giveUp();
        }

        private void giveUp() {
            synchronized (this) {
                if (!held) {
                    return;
                }
                held = false;
            }
            RunningActions.this.release(group);
        }

        private synchronized void regain() {
            held = true;
        }
    }
}
