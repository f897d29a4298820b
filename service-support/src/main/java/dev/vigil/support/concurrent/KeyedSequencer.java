package dev.vigil.support.concurrent;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the work for one key one at a time in this process, in arrival order; different keys run in parallel.
 *
 * <p>Why: a change locks its row ({@code SELECT … FOR UPDATE}) on a pooled connection. When many clients change
 * the same row at once, every waiter holds a pool connection while it waits for the row lock, the pool runs
 * dry, and unrelated reads queue behind them for seconds. Queuing here first keeps at most one connection per
 * key busy; the row lock still orders changes across replicas.
 *
 * <p>A waiter resumes on the Vert.x context it subscribed on (a reactive session must stay on its context).
 * Wrap the result in an uncancellable Uni when the work must finish once started: a cancelled waiter gives up
 * its turn only after the work before it has finished, so the order is kept either way.
 *
 * <p>A turn lasts at most {@code longestTurn}: work that has not ended by then lets the next one start anyway.
 * Queuing here only saves pool connections (the row lock keeps the order across replicas), so one piece of work
 * that never ends must not leave every later change of its key waiting forever, as it once did.
 */
public final class KeyedSequencer<K> {

    private final ConcurrentHashMap<K, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Duration longestTurn;

    public KeyedSequencer(Duration longestTurn) {
        if (longestTurn.isNegative() || longestTurn.isZero()) {
            throw new IllegalArgumentException("longestTurn must be positive: " + longestTurn);
        }
        this.longestTurn = longestTurn;
    }

    public <T> Uni<T> run(K key, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> previous = tails.put(key, mine);
            Runnable release = () -> {
                tails.remove(key, mine);
                mine.complete(null);
            };
            Uni<Void> turn = previous == null ? Uni.createFrom().voidItem() : turnAfter(previous);
            return turn.invoke(() -> CompletableFuture.delayedExecutor(longestTurn.toMillis(), TimeUnit.MILLISECONDS)
                            .execute(release))
                    .chain(work::get).onTermination().invoke(() -> {
                        if (previous == null) {
                            release.run();
                        } else {
                            previous.whenComplete((ignored, failure) -> release.run());
                        }
                    });
        });
    }

    /** Keys with work running or waiting (for tests and metrics). */
    public int activeKeys() {
        return tails.size();
    }

    private static Uni<Void> turnAfter(CompletableFuture<Void> previous) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> previous.whenComplete((ignored, failure) -> {
            if (context == null) {
                emitter.complete(null);
            } else {
                context.runOnContext(event -> emitter.complete(null));
            }
        }));
    }
}
