package dev.vigil.actuator.batch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Write-behind grouping of rows that concurrently running actions write: a row waits at most
 * {@code window} for others (or until {@code size} are waiting), then all are written with one
 * statement, and each caller's {@code Uni} completes once its row is written, with the statement's
 * result for that row (the writer answers one result per row, in the rows' order). When a statement
 * of several rows fails, each row is written again alone, so a bad row fails only its own caller.
 * Callers continue on their own Vert.x context.
 */
public final class WriteBatcher<T, R> {

    private record Pending<T, R>(T row, UniEmitter<? super R> caller, Context context) {
    }

    private final Vertx vertx;
    private final Function<List<T>, Uni<List<R>>> writer;
    private final long windowMs;
    private final int size;
    private List<Pending<T, R>> pending = new ArrayList<>();
    private long timer = -1;

    public WriteBatcher(Vertx vertx, Duration window, int size, Function<List<T>, Uni<List<R>>> writer) {
        this.vertx = vertx;
        this.writer = writer;
        this.windowMs = window.toMillis();
        this.size = Math.max(1, size);
    }

    /** A batcher of statements that answer nothing per row. */
    public static <T> WriteBatcher<T, Void> ofStatements(Vertx vertx, Duration window, int size,
                                                   Function<List<T>, Uni<Void>> writer) {
        return new WriteBatcher<>(vertx, window, size,
                rows -> writer.apply(rows).map(done -> Collections.nCopies(rows.size(), null)));
    }

    /**
     * Completes with the row's result when it is written; fails with the statement's failure if it
     * could not be.
     */
    public Uni<R> write(T row) {
        return Uni.createFrom().emitter(caller -> add(new Pending<>(row, caller, io.vertx.core.Vertx.currentContext())));
    }

    /**
     * Writes {@code rows} at once, without waiting for the window (with any other rows waiting, in statements of
     * at most {@code size} rows); answers each row's result, in order, already under way.
     */
    public List<Uni<R>> writeAll(List<T> rows) {
        List<Uni<R>> results = new ArrayList<>(rows.size());
        for (T row : rows) {
            Uni<R> result = write(row).memoize().indefinitely();
            result.subscribe().with(written -> { }, failure -> { });
            results.add(result);
        }
        List<Pending<T, R>> due;
        synchronized (this) {
            due = takeAll();
        }
        flush(due);
        return results;
    }

    private void add(Pending<T, R> row) {
        List<Pending<T, R>> full = null;
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
        List<Pending<T, R>> due;
        synchronized (this) {
            if (timer != id) {
                return;
            }
            due = takeAll();
        }
        flush(due);
    }

    /** Under the lock. */
    private List<Pending<T, R>> takeAll() {
        List<Pending<T, R>> taken = pending;
        pending = new ArrayList<>();
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        return taken;
    }

    private void flush(List<Pending<T, R>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Uni.createFrom().deferred(() -> writer.apply(batch.stream().map(Pending::row).toList())).subscribe().with(
                results -> {
                    for (int i = 0; i < batch.size(); i++) {
                        succeed(batch.get(i), results.get(i));
                    }
                },
                failure -> {
                    if (batch.size() == 1) {
                        fail(batch.get(0), failure);
                    } else {
                        batch.forEach(row -> flush(List.of(row)));
                    }
                });
    }

    private static <T, R> void succeed(Pending<T, R> row, R result) {
        onContext(row, () -> row.caller().complete(result));
    }

    private static <T, R> void fail(Pending<T, R> row, Throwable failure) {
        onContext(row, () -> row.caller().fail(failure));
    }

    /**
     * Each caller goes on as its own task on its context, even the one the write completed on: run in the
     * completion's task, the continuations of a batch of 500 actions (slot, render, call) held the event loop for
     * over 2 s on a busy box, and the claim heartbeat waiting behind them timed out.
     */
    private static <T, R> void onContext(Pending<T, R> row, Runnable completion) {
        if (row.context() == null) {
            completion.run();
        } else {
            row.context().runOnContext(ignored -> completion.run());
        }
    }
}
