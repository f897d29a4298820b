package dev.vigil.ingest.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.model.messaging.Topics;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.metrics.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores every event of the {@code events} topic (group {@code event-persister}) in batches, with one
 * statement per batch. The insert is idempotent on (workspace, id), so redelivery and duplicate ids
 * are stored once. Records are read as bytes, and only for the columns ({@link EventColumns}); a
 * record that cannot be read goes alone to the dead-letter topic. The JSON columns are bound as text
 * and cast, since the client would store a bound Java string as a JSON string.
 */
@ApplicationScoped
public class EventPersister {

    public static final String CHANNEL = "events-persist";

    /**
     * A batch as one array per column: PostgreSQL runs one statement instead of one per row (one row alone too). The
     * same statement writes the primary resource's labels into {@code ingest.event_labels} (see V6) for the events
     * it actually inserted, so a duplicate adds none and an event is never stored without its labels.
     */
    private static final String INSERT_ALL = """
            WITH inserted AS (
                INSERT INTO ingest.events
                    (workspace_id, id, occurred, event, resource_id, resource, related, payload, follows, received)
                SELECT w, i, o, e, r, rs::jsonb, rel::jsonb, p::jsonb, f, rec
                FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::uuid[], $10::timestamptz[])
                    AS t(w, i, o, e, r, rs, rel, p, f, rec)
                ON CONFLICT (workspace_id, id) DO NOTHING
                RETURNING workspace_id, id, occurred, resource)
            INSERT INTO ingest.event_labels (workspace_id, label, value, occurred, event_id)
            SELECT n.workspace_id, l.key, l.value #>> '{}', n.occurred, n.id
            FROM inserted n CROSS JOIN LATERAL jsonb_each(n.resource) AS l
            WHERE l.key <> 'prefect.resource.id' AND jsonb_typeof(l.value) = 'string'
              AND length(l.key) <= $11 AND length(l.value #>> '{}') <= $11""";

    private static final String DATA_EXCEPTION = "22";
    private static final String LIMIT_EXCEEDED = "54";

    private final Pool pool;
    private final JsonFactory json;
    private final IngestConfig config;
    private final Counter deadLettered;
    private final int labelMaxLength;

    public EventPersister(Pool pool, ObjectMapper json, IngestConfig config, DeadLetters deadLetters) {
        this.deadLettered = deadLetters.counter(CHANNEL);
        this.pool = pool;
        this.json = json.getFactory();
        this.config = config;
        this.labelMaxLength = config.history().labelMaxLength();
    }

    /**
     * A batch is itself a message, so it is acknowledged here, once stored: an unacknowledged
     * batch would be re-read after every restart and eventually mark the channel unhealthy.
     */
    @Incoming(CHANNEL)
    public Uni<Void> persist(KafkaRecordBatch<String, byte[]> batch) {
        return store(batch).onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? Uni.createFrom().completionStage(batch.ack())
                : Uni.createFrom().completionStage(batch.nack(failure)).invoke(() -> deadLettered.increment(batch.getRecords().size())));
    }

    private Uni<Void> store(KafkaRecordBatch<String, byte[]> batch) {
        List<PendingRow> rows = new ArrayList<>();
        List<Uni<Void>> unreadable = new ArrayList<>();
        batch.getRecords().forEach(record -> {
            if (record.getPayload() == null) {
                return;
            }
            try {
                rows.add(new PendingRow(record, workspaceOf(record.getHeaders().lastHeader(Topics.WORKSPACE_HEADER)),
                        EventColumns.read(json, record.getPayload())));
            } catch (IOException | RuntimeException e) {
                unreadable.add(deadLetter(record, e));
            }
        });
        Uni<Void> stored = rows.isEmpty() ? Uni.createFrom().voidItem()
                : untilStored(pool.preparedQuery(INSERT_ALL).execute(columns(rows)).replaceWithVoid())
                        .onFailure(EventPersister::isUnstorableData).recoverWithUni(failure -> storeOneByOne(rows));
        return unreadable.isEmpty() ? stored : Uni.join().all(unreadable).andFailFast().chain(() -> stored);
    }

    /**
     * Outages (database down, pool exhausted) are waited out: the batch stays unacknowledged, so Kafka
     * keeps every event until it is stored. Only data the database refuses escapes the loop.
     */
    private Uni<Void> untilStored(Uni<Void> insert) {
        return insert.onFailure(failure -> !isUnstorableData(failure)).invoke(failure ->
                        Log.warnf("Storing events failed, retrying: %s", failure.getMessage()))
                .onFailure(failure -> !isUnstorableData(failure)).retry()
                .withBackOff(config.persistRetryBackoff(), config.persistRetryMaxBackoff()).indefinitely();
    }

    /** One bad row must not take the good rows of its batch to the dead-letter topic with it. */
    private Uni<Void> storeOneByOne(List<PendingRow> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row ->
                        untilStored(pool.preparedQuery(INSERT_ALL).execute(columns(List.of(row))).replaceWithVoid())
                                .onFailure().recoverWithUni(failure -> deadLetter(row.record(), failure)))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> deadLetter(KafkaRecord<String, byte[]> record, Throwable failure) {
        Log.errorf("An event record (key %s) cannot be stored, sent to the dead-letter topic: %s",
                record.getKey(), failure.getMessage());
        deadLettered.increment();
        return Uni.createFrom().completionStage(record.nack(failure));
    }

    /** SQLSTATE class 22 (data exception) or 54 (program limit exceeded): retrying cannot help. */
    private static boolean isUnstorableData(Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            return pg.getSqlState().startsWith(DATA_EXCEPTION) || pg.getSqlState().startsWith(LIMIT_EXCEEDED);
        }
        return false;
    }

    private record PendingRow(KafkaRecord<String, byte[]> record, UUID workspaceId, EventColumns event) {
    }

    /** The rows as one array per column and the label length cap, for {@link #INSERT_ALL}. */
    private Tuple columns(List<PendingRow> rows) {
        int n = rows.size();
        UUID[] workspaces = new UUID[n];
        UUID[] ids = new UUID[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        String[] names = new String[n];
        String[] resourceIds = new String[n];
        String[] resources = new String[n];
        String[] related = new String[n];
        String[] payloads = new String[n];
        UUID[] follows = new UUID[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            EventColumns event = rows.get(i).event();
            workspaces[i] = rows.get(i).workspaceId();
            ids[i] = event.id();
            occurred[i] = event.occurred();
            names[i] = event.event();
            resourceIds[i] = event.resourceId();
            resources[i] = event.resource();
            related[i] = event.related();
            payloads[i] = event.payload();
            follows[i] = event.follows();
            received[i] = event.received();
        }
        return Tuple.tuple(List.of(workspaces, ids, occurred, names, resourceIds, resources, related, payloads,
                follows, received, labelMaxLength));
    }

    private static UUID workspaceOf(Header header) {
        return header == null ? Workspaces.DEFAULT
                : UUID.fromString(new String(header.value(), StandardCharsets.UTF_8));
    }
}
