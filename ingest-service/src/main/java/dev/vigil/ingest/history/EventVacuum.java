package dev.vigil.ingest.history;

import dev.vigil.ingest.config.IngestConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes stored events whose {@code occurred} is older than the retention period, in bounded
 * batches so a pass never holds long locks; a pass repeats batches until none is full.
 * Non-blocking: the scheduler runs it on the event loop.
 */
@ApplicationScoped
public class EventVacuum {

    private static final String DELETE = """
            DELETE FROM ingest.events WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM ingest.events WHERE occurred < $1 LIMIT $2))""";

    private final Pool pool;
    private final IngestConfig.History config;

    public EventVacuum(Pool pool, IngestConfig config) {
        this.pool = pool;
        this.config = config.history();
    }

    @Scheduled(every = "${vigil.ingest.history.vacuum-every}", delayed = "${vigil.ingest.history.vacuum-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return vacuum().invoke(deleted -> {
            if (deleted > 0) {
                Log.infof("Vacuumed %d events older than %s", deleted, config.retention());
            }
        }).replaceWithVoid();
    }

    /** Deletes every expired event; the number deleted. */
    public Uni<Long> vacuum() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        return batch(cutoff, 0L);
    }

    private Uni<Long> batch(OffsetDateTime cutoff, long deletedSoFar) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(cutoff, config.vacuumBatchSize())).flatMap(rows -> {
            long total = deletedSoFar + rows.rowCount();
            return rows.rowCount() < config.vacuumBatchSize() ? Uni.createFrom().item(total) : batch(cutoff, total);
        });
    }
}
