package dev.vigil.actuator.delivery;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Write-behind grouping of rows that concurrently running actions write: a row waits at most
 * {@code window} for others (or until {@code size} are waiting), then all are written with one
 * statement, and each caller's {@code Uni} completes once its row is written. When a statement of
 * several rows fails, each row is written again alone, so a bad row fails only its own caller.
 * Callers continue on their own Vert.x context.
 */
final class WriteBatcher<T> {

    private record Pending<T>(T row, UniEmitter<? super Void> caller, Context context) {
    }

    private final Vertx vertx;
    private final Function<List<T>, Uni<Void>> writer;
    private final long windowMs;
    private final int size;
    private List<Pending<T>> pending = new ArrayList<>();
    private long timer = -1;

    WriteBatcher(Vertx vertx, Duration window, int size, Function<List<T>, Uni<Void>> writer) {
        this.vertx = vertx;
        this.writer = writer;
        this.windowMs = window.toMillis();
        this.size = Math.max(1, size);
    }

    /** Completes when {@code row} is written; fails with the statement's failure if it could not be. */
    Uni<Void> write(T row) {
        return Uni.createFrom().emitter(caller -> add(new Pending<>(row, caller, io.vertx.core.Vertx.currentContext())));
    }

    private void add(Pending<T> row) {
        List<Pending<T>> full = null;
        synchronized (this) {
            pending.add(row);
            if (pending.size() >= size || windowMs <= 0) {
                full = takeAll();
            } else if (timer < 0) {
                timer = vertx.setTimer(windowMs, id -> flushOnTimer(id));
            }
        }
        if (full != null) {
            flush(full);
        }
    }

    private void flushOnTimer(long id) {
        List<Pending<T>> due;
        synchronized (this) {
            if (timer != id) {
                return;
            }
            due = takeAll();
        }
        flush(due);
    }

    /** Under the lock. */
    private List<Pending<T>> takeAll() {
        List<Pending<T>> taken = pending;
        pending = new ArrayList<>();
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        return taken;
    }

    private void flush(List<Pending<T>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Uni.createFrom().deferred(() -> writer.apply(batch.stream().map(Pending::row).toList())).subscribe().with(
                written -> batch.forEach(WriteBatcher::succeed),
                failure -> {
                    if (batch.size() == 1) {
                        fail(batch.get(0), failure);
                    } else {
                        batch.forEach(row -> flush(List.of(row)));
                    }
                });
    }

    private static <T> void succeed(Pending<T> row) {
        onContext(row, () -> row.caller().complete(null));
    }

    private static <T> void fail(Pending<T> row, Throwable failure) {
        onContext(row, () -> row.caller().fail(failure));
    }

    private static <T> void onContext(Pending<T> row, Runnable completion) {
        if (row.context() == null || row.context() == io.vertx.core.Vertx.currentContext()) {
            completion.run();
        } else {
            row.context().runOnContext(ignored -> completion.run());
        }
    }
}
