package dev.vigil.actuator.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The grouping alone, with a writer that records its statements (the delivery log's SQL is in DeliveryLogBatchTest). */
class WriteBatcherTest {

    private static final int CALLERS = 500;
    private static final int SIZE = 50;
    private static final String BAD = "bad";
    private static final int THREADS = 8;

    private final Vertx vertx = Vertx.vertx();
    private final List<List<String>> statements = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    private Uni<Void> write(List<String> rows) {
        statements.add(rows);
        return rows.contains(BAD) ? Uni.createFrom().failure(new IllegalStateException("constraint violated"))
                : Uni.createFrom().voidItem();
    }

    /** Each row written from one of several threads at once, as concurrently running actions would. */
    private List<CompletableFuture<Void>> writeConcurrently(WriteBatcher<String, Void> batcher, List<String> rows)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<CompletableFuture<Void>>> submitted = new ArrayList<>();
            for (String row : rows) {
                submitted.add(threads.submit(() -> batcher.write(row).subscribeAsCompletionStage()));
            }
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (Future<CompletableFuture<Void>> f : submitted) {
                done.add(f.get());
            }
            return done;
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void manyConcurrentCallersShareFewStatementsAndEveryRowIsWritten() throws Exception {
        // A window longer than the test: statements close by size only (CALLERS is a multiple of SIZE), whatever the
        // box's speed.
        WriteBatcher<String, Void> batcher = WriteBatcher.ofStatements(vertx, Duration.ofMinutes(10), SIZE,
                this::write);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            rows.add("row-" + i);
        }

        CompletableFuture.allOf(writeConcurrently(batcher, rows).toArray(CompletableFuture[]::new))
                .get(10, TimeUnit.SECONDS);

        List<String> written = statements.stream().flatMap(List::stream).toList();
        assertThat(written).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(statements).allSatisfy(statement -> assertThat(statement).hasSize(SIZE));
    }

    @Test
    void aRowWaitsNoLongerThanTheWindowForOthers() throws Exception {
        WriteBatcher<String, Void> batcher = WriteBatcher.ofStatements(vertx, Duration.ofMillis(5), SIZE, this::write);

        batcher.write("alone").subscribeAsCompletionStage().get(5, TimeUnit.SECONDS);

        assertThat(statements).containsExactly(List.of("alone"));
    }

    @Test
    void aFailingStatementFailsExactlyTheCallersOfItsBadRows() throws Exception {
        // Statements close by size only, so the bad row always shares one with others (with a short window, a slow
        // box could leave it alone in one).
        WriteBatcher<String, Void> batcher = WriteBatcher.ofStatements(vertx, Duration.ofMinutes(10), SIZE,
                this::write);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            rows.add(i == CALLERS / 2 ? BAD : "row-" + i);
        }
        List<CompletableFuture<Void>> done = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (String row : rows) {
            order.add(row);
            done.add(batcher.write(row).subscribeAsCompletionStage());
        }

        List<String> failed = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            try {
                done.get(i).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).hasMessage("constraint violated");
                failed.add(order.get(i));
            }
        }

        assertThat(failed).containsExactly(BAD);
        // The bad row's statement failed, and its other rows were written again one by one.
        assertThat(statements.stream().filter(s -> s.contains(BAD) && s.size() > 1)).hasSize(1);
        assertThat(statements.stream().flatMap(List::stream).filter(r -> !r.equals(BAD)).distinct())
                .hasSize(CALLERS - 1);
    }

    @Test
    void writeAllWritesItsRowsTogetherAtOnceAndAFailedRowFailsOnlyItsOwnResult() throws Exception {
        WriteBatcher<String, Void> batcher = WriteBatcher.ofStatements(vertx, Duration.ofMinutes(10), SIZE, this::write);

        List<Uni<Void>> results = batcher.writeAll(List.of("a", BAD, "c"));

        // Under way without anyone subscribing, and not held for the (ten-minute) window.
        assertThat(statements).contains(List.of("a", BAD, "c"));
        results.get(0).subscribeAsCompletionStage().get(5, TimeUnit.SECONDS);
        results.get(2).subscribeAsCompletionStage().get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> bad = results.get(1).subscribeAsCompletionStage();
        assertThat(bad).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                .withMessage("constraint violated");
    }
}
