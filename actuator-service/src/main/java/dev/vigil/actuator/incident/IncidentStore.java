package dev.vigil.actuator.incident;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Incidents in PostgreSQL (reactive SQL client), one per action message and always within one workspace. */
@ApplicationScoped
public class IncidentStore {

    private static final String COLUMNS = "id, created, updated, workspace_id, title, severity, status, "
            + "automation_id, automation_name, triggering_event, resolved";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Pool pool;

    public IncidentStore(Pool pool) {
        this.pool = pool;
    }

    /** The incident of this action message, recorded as open when it is the first delivery. */
    public Uni<Incident> declare(ActionMessage message, String title, String severity) {
        OffsetDateTime now = now();
        JsonObject event;
        try {
            event = message.event() == null ? null
                    : new JsonObject(VigilJson.mapper().writeValueAsString(message.event()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Tuple insert = Tuple.tuple(Arrays.asList(UUID.randomUUID(), message.workspaceId(), message.idempotencyKey(),
                title, severity, message.automation().id(), message.automation().name(), event, now, now));
        return pool.preparedQuery("INSERT INTO actuator.incidents (id, workspace_id, idempotency_key, title, severity, "
                        + "status, automation_id, automation_name, triggering_event, created, updated) "
                        + "VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10) "
                        + "ON CONFLICT (workspace_id, idempotency_key) DO NOTHING")
                .execute(insert)
                .chain(() -> pool.preparedQuery("SELECT " + COLUMNS + " FROM actuator.incidents "
                                + "WHERE workspace_id = $1 AND idempotency_key = $2")
                        .execute(Tuple.of(message.workspaceId(), message.idempotencyKey())))
                .map(rows -> incident(rows.iterator().next()));
    }

    /** Null item when absent from this workspace. */
    public Uni<Incident> find(UUID workspaceId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM actuator.incidents WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id))
                .map(rows -> rows.size() == 0 ? null : incident(rows.iterator().next()));
    }

    /** Newest first; {@code status} null means any. */
    public Uni<List<Incident>> list(UUID workspaceId, IncidentStatus status, int limit, int offset) {
        String where = status == null ? "" : " AND status = $4";
        Tuple args = status == null ? Tuple.of(workspaceId, limit, offset)
                : Tuple.of(workspaceId, limit, offset, status.wire());
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM actuator.incidents WHERE workspace_id = $1" + where
                        + " ORDER BY created DESC, id LIMIT $2 OFFSET $3")
                .execute(args)
                .map(rows -> {
                    List<Incident> all = new ArrayList<>();
                    rows.forEach(row -> all.add(incident(row)));
                    return all;
                });
    }

    /** Resolves an open incident; a null item when it is absent or was not open (only one caller resolves it). */
    public Uni<Incident> resolve(UUID workspaceId, UUID id) {
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE actuator.incidents SET status = 'resolved', resolved = $3, updated = $3 "
                        + "WHERE workspace_id = $1 AND id = $2 AND status = 'open' RETURNING " + COLUMNS)
                .execute(Tuple.of(workspaceId, id, now))
                .map(rows -> rows.size() == 0 ? null : incident(rows.iterator().next()));
    }

    private static Incident incident(Row row) {
        Object event = row.getValue("triggering_event");
        return new Incident(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getUUID("workspace_id"), row.getString("title"), row.getString("severity"),
                IncidentStatus.fromWire(row.getString("status")), row.getUUID("automation_id"),
                row.getString("automation_name"), event == null ? null : object(event.toString()),
                row.getOffsetDateTime("resolved"));
    }

    private static Map<String, Object> object(String json) {
        try {
            return VigilJson.mapper().readValue(json, OBJECT);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored triggering event is unreadable", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
