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

    /** A batch of events and, in the same statement, their label rows, each found by its key (see V6). */
    private static final String DELETE = """
            WITH gone AS (
                DELETE FROM ingest.events WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM ingest.events WHERE occurred < $1 LIMIT $2))
                RETURNING workspace_id, id, occurred, resource),
            labels AS (
                DELETE FROM ingest.event_labels x
                USING gone g CROSS JOIN LATERAL jsonb_each(g.resource) AS l
                WHERE l.key <> 'prefect.resource.id' AND jsonb_typeof(l.value) = 'string'
                  AND x.workspace_id = g.workspace_id AND x.label = l.key
                  AND x.value = l.value #>> '{}' AND x.occurred = g.occurred AND x.event_id = g.id)
            SELECT count(*) FROM gone""";

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
            long deleted = rows.iterator().next().getLong(0);
            long total = deletedSoFar + deleted;
            return deleted < config.vacuumBatchSize() ? Uni.createFrom().item(total) : batch(cutoff, total);
        });
    }
}
