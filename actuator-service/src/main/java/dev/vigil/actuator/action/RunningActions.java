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
import java.util.Deque;

/**
 * Bounds the actions running at once ({@code vigil.actuator.max-concurrent-actions}), separately from
 * those held ({@link ActionConsumer}). An action takes a slot to start and gives it up while it waits
 * ({@link RunSlot#awayDuring}); one coming back from a wait goes before actions not started yet, so work
 * already under way (and its claim) finishes first. Waiters resume on their own Vert.x context.
 */
@ApplicationScoped
public class RunningActions {

    private final int max;
    private final Deque<Waiter> resuming = new ArrayDeque<>();
    private final Deque<Waiter> starting = new ArrayDeque<>();
    private int running;

    @Inject
    public RunningActions(ActuatorConfig config) {
        this(config.maxConcurrentActions());
    }

    RunningActions(int max) {
        this.max = max;
    }

    /** A slot for a new action; release it when the action is over. */
    public Uni<Slot> take() {
        return acquire(starting).map(taken -> new Slot());
    }

    /** Actions holding a slot now (for tests and metrics). */
    public synchronized int running() {
        return running;
    }

    /** Actions waiting for a slot now, resuming or starting (for tests and metrics). */
    public synchronized int waiting() {
        return resuming.size() + starting.size();
    }

    private Uni<Void> acquire(Deque<Waiter> queue) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(Vertx.currentContext(), emitter);
            synchronized (this) {
                if (running >= max) {
                    queue.add(waiter);
                    emitter.onTermination(() -> forget(waiter));
                    return;
                }
                running++;
            }
            emitter.complete(null);
        });
    }

    private synchronized void forget(Waiter waiter) {
        waiter.gone = true;
        if (!resuming.remove(waiter)) {
            starting.remove(waiter);
        }
    }

    private void release() {
        Waiter next;
        synchronized (this) {
            next = resuming.poll();
            if (next == null) {
                next = starting.poll();
            }
            if (next == null) {
                running--;
                return;
            }
        }
        next.grant();
    }

    private final class Waiter {

        private final Context context;
        private final UniEmitter<? super Void> emitter;
        /** Cancelled (or already served) while queued. */
        private volatile boolean gone;

        Waiter(Context context, UniEmitter<? super Void> emitter) {
            this.context = context;
            this.emitter = emitter;
        }

        /** The slot passes on as is (the count does not change); a waiter gone meanwhile hands it on. */
        void grant() {
            if (context == null) {
                complete();
            } else {
                context.runOnContext(ignored -> complete());
            }
        }

        private void complete() {
            if (gone) {
                release();
            } else {
                emitter.complete(null);
            }
        }
    }

    /** One action's slot; held from {@link #take()} until {@link #release()}, except while away. */
    public final class Slot implements RunSlot {

        private boolean held = true;

        @Override
        public <T> Uni<T> awayDuring(Uni<T> wait) {
            return Uni.createFrom().deferred(() -> {
                giveUp();
                return wait.onItemOrFailure().call(() -> acquire(resuming).invoke(this::regain));
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
            RunningActions.this.release();
        }

        private synchronized void regain() {
            held = true;
        }
    }
}
