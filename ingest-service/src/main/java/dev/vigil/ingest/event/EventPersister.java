package dev.vigil.ingest.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.messaging.Topics;
import dev.vigil.model.messaging.Workspaces;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores every event of the {@code events} topic (group {@code event-persister}) in batches. The
 * insert is idempotent on (workspace, id), so redelivery and duplicate ids are stored once. The JSON
 * columns are bound as text and cast, since the client would store a bound Java string as a JSON string.
 */
@ApplicationScoped
public class EventPersister {

    public static final String CHANNEL = "events-persist";

    private static final String INSERT = """
            INSERT INTO ingest.events
                (workspace_id, id, occurred, event, resource_id, resource, related, payload, follows, received)
            VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8::text::jsonb, $9, $10)
            ON CONFLICT (workspace_id, id) DO NOTHING""";

    private static final String DATA_EXCEPTION = "22";
    private static final String LIMIT_EXCEEDED = "54";

    private final Pool pool;
    private final ObjectMapper json;
    private final IngestConfig config;

    public EventPersister(Pool pool, ObjectMapper json, IngestConfig config) {
        this.pool = pool;
        this.json = json;
        this.config = config;
    }

    /**
     * A batch is itself a message, so it is acknowledged here, once stored: an unacknowledged
     * batch would be re-read after every restart and eventually mark the channel unhealthy.
     */
    @Incoming(CHANNEL)
    public Uni<Void> persist(KafkaRecordBatch<String, ReceivedEvent> batch) {
        return store(batch).onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? Uni.createFrom().completionStage(batch.ack())
                : Uni.createFrom().completionStage(batch.nack(failure)));
    }

    private Uni<Void> store(KafkaRecordBatch<String, ReceivedEvent> batch) {
        List<PendingRow> rows = new ArrayList<>();
        batch.getRecords().forEach(record -> {
            ReceivedEvent event = record.getPayload();
            if (event != null && event.id() != null) {
                rows.add(new PendingRow(record,
                        row(workspaceOf(record.getHeaders().lastHeader(Topics.WORKSPACE_HEADER)), event)));
            }
        });
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = rows.stream().map(PendingRow::tuple).toList();
        return untilStored(pool.preparedQuery(INSERT).executeBatch(tuples).replaceWithVoid())
                .onFailure(EventPersister::isUnstorableData).recoverWithUni(failure -> storeOneByOne(rows));
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
                        untilStored(pool.preparedQuery(INSERT).execute(row.tuple()).replaceWithVoid())
                                .onFailure().recoverWithUni(failure -> deadLetter(row, failure)))
                .collect().last().replaceWithVoid();
    }

    private static Uni<Void> deadLetter(PendingRow row, Throwable failure) {
        Log.errorf("Event %s cannot be stored, sent to the dead-letter topic: %s",
                row.record().getPayload().id(), failure.getMessage());
        return Uni.createFrom().completionStage(row.record().nack(failure));
    }

    /** SQLSTATE class 22 (data exception) or 54 (program limit exceeded): retrying cannot help. */
    private static boolean isUnstorableData(Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            return pg.getSqlState().startsWith(DATA_EXCEPTION) || pg.getSqlState().startsWith(LIMIT_EXCEEDED);
        }
        return false;
    }

    private record PendingRow(KafkaRecord<String, ReceivedEvent> record, Tuple tuple) {
    }

    private Tuple row(UUID workspaceId, ReceivedEvent event) {
        return Tuple.tuple(List.of(workspaceId, event.id(), event.occurred(), event.event(), event.resource().id(),
                        write(event.resource()), write(event.related()), write(event.payload())))
                .addValue(event.follows())
                .addValue(event.received());
    }

    private static UUID workspaceOf(Header header) {
        return header == null ? Workspaces.DEFAULT
                : UUID.fromString(new String(header.value(), StandardCharsets.UTF_8));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event is not serialisable", e);
        }
    }
}
