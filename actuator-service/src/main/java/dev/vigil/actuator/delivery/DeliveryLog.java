package dev.vigil.actuator.delivery;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The durable record of every action execution and every attempt, in PostgreSQL (reactive SQL client:
 * the upserts need {@code ON CONFLICT}). It also backs exactly-once: an execution that reached a final
 * status here is never run again by a redelivered message.
 */
@ApplicationScoped
public class DeliveryLog {

    private static final String COLUMNS = "id, created, updated, workspace_id, idempotency_key, automation_id, "
            + "action_index, action_type, status, reason, attempts, redeliveries";

    private final Pool pool;

    public DeliveryLog(Pool pool) {
        this.pool = pool;
    }

    /**
     * The execution of this message, created as running when it is the first delivery: one statement
     * then, a second one only for a message seen before.
     */
    public Uni<Execution> open(ActionMessage message) {
        OffsetDateTime now = now();
        String json;
        try {
            json = VigilJson.mapper().writeValueAsString(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        // Bound as text and cast by the server: a jsonb parameter would need the JSON parsed here first.
        Tuple insert = Tuple.tuple(List.of(UUID.randomUUID(), message.workspaceId(), message.idempotencyKey(),
                message.automation().id(), message.actionIndex(), message.action().type(), json, now, now));
        return pool.preparedQuery("INSERT INTO actuator.action_executions (id, workspace_id, idempotency_key, automation_id, "
                        + "action_index, action_type, status, message, created, updated) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, 'running', $7::text::jsonb, $8, $9) "
                        + "ON CONFLICT (workspace_id, idempotency_key) DO NOTHING RETURNING " + COLUMNS)
                .execute(insert)
                .chain(inserted -> inserted.size() > 0 ? Uni.createFrom().item(execution(inserted.iterator().next()))
                        : pool.preparedQuery("SELECT " + COLUMNS + " FROM actuator.action_executions "
                                        + "WHERE workspace_id = $1 AND idempotency_key = $2")
                                .execute(Tuple.of(message.workspaceId(), message.idempotencyKey()))
                                .map(rows -> execution(rows.iterator().next())));
    }

    /**
     * Records an attempt that is over as the execution's next one, numbering it and counting it in one
     * statement. Numbers run on across redeliveries.
     */
    public Uni<Void> recordAttempt(Delivery delivery, OffsetDateTime started, long durationMs, String request,
                                   Attempt<?> result, String outcome) {
        return pool.preparedQuery("WITH counted AS (UPDATE actuator.action_executions "
                        + "SET attempts = attempts + 1, updated = $2 WHERE id = $1 RETURNING id, attempts) "
                        + "INSERT INTO actuator.action_attempts (execution_id, attempt, generation, started, "
                        + "duration_ms, request, status_code, response_excerpt, error, outcome) "
                        + "SELECT id, attempts, $3, $4, $5, $6, $7, $8, $9, $10 FROM counted ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple(java.util.Arrays.asList(delivery.executionId(), now(), delivery.generation(),
                        started, durationMs, request, result.statusCode(), result.responseExcerpt(), result.error(),
                        outcome)))
                .replaceWithVoid();
    }

    public Uni<Void> finish(UUID executionId, ExecutionStatus status, String reason) {
        return pool.preparedQuery("UPDATE actuator.action_executions SET status = $2, reason = $3, updated = $4 WHERE id = $1")
                .execute(Tuple.of(executionId, status.wire(), reason, now()))
                .replaceWithVoid();
    }

    /**
     * Takes a dead letter back to running for a redelivery; a null item unless it was failed (so
     * two concurrent redeliveries cannot both run it).
     */
    public Uni<Execution> reopen(UUID workspaceId, UUID id) {
        return pool.preparedQuery("UPDATE actuator.action_executions SET status = 'running', reason = NULL, "
                        + "redeliveries = redeliveries + 1, updated = $3 "
                        + "WHERE workspace_id = $1 AND id = $2 AND status = 'failed' RETURNING " + COLUMNS)
                .execute(Tuple.of(workspaceId, id, now()))
                .map(rows -> rows.size() == 0 ? null : execution(rows.iterator().next()));
    }

    /** The stored action message of an execution, for redelivery. */
    public Uni<ActionMessage> message(UUID executionId) {
        return pool.preparedQuery("SELECT message FROM actuator.action_executions WHERE id = $1")
                .execute(Tuple.of(executionId))
                .map(rows -> {
                    Object json = rows.iterator().next().getValue("message");
                    try {
                        return VigilJson.mapper().readValue(json.toString(), ActionMessage.class);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("stored action message is unreadable", e);
                    }
                });
    }

    /** Null item when absent from this workspace. */
    public Uni<Execution> find(UUID workspaceId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM actuator.action_executions WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().nullItem()
                        : withAttempts(List.of(execution(rows.iterator().next()))).map(all -> all.get(0)));
    }

    public Uni<List<Execution>> list(UUID workspaceId, ExecutionFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM actuator.action_executions WHERE workspace_id = $1");
        List<Object> args = new ArrayList<>();
        args.add(workspaceId);
        if (filter.automationId() != null) {
            args.add(filter.automationId());
            sql.append(" AND automation_id = $").append(args.size());
        }
        if (filter.status() != null) {
            args.add(filter.status().wire());
            sql.append(" AND status = $").append(args.size());
        }
        if (filter.since() != null) {
            args.add(filter.since());
            sql.append(" AND created >= $").append(args.size());
        }
        if (filter.until() != null) {
            args.add(filter.until());
            sql.append(" AND created < $").append(args.size());
        }
        args.add(filter.limit());
        sql.append(" ORDER BY created DESC, id LIMIT $").append(args.size());
        args.add(filter.offset());
        sql.append(" OFFSET $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.tuple(args))
                .map(DeliveryLog::executions)
                .chain(this::withAttempts);
    }

    private Uni<List<Execution>> withAttempts(List<Execution> executions) {
        if (executions.isEmpty()) {
            return Uni.createFrom().item(executions);
        }
        UUID[] ids = executions.stream().map(Execution::id).toArray(UUID[]::new);
        return pool.preparedQuery("SELECT execution_id, attempt, generation, started, duration_ms, request, "
                        + "status_code, response_excerpt, error, outcome FROM actuator.action_attempts "
                        + "WHERE execution_id = ANY($1) ORDER BY execution_id, attempt")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<UUID, List<AttemptRecord>> byExecution = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byExecution.computeIfAbsent(row.getUUID("execution_id"), k -> new ArrayList<>())
                                .add(new AttemptRecord(row.getInteger("attempt"), row.getInteger("generation"),
                                        row.getOffsetDateTime("started"), row.getLong("duration_ms"),
                                        row.getString("request"), row.getInteger("status_code"),
                                        row.getString("response_excerpt"), row.getString("error"),
                                        row.getString("outcome")));
                    }
                    return executions.stream()
                            .map(e -> e.withAttempts(byExecution.getOrDefault(e.id(), List.of())))
                            .toList();
                });
    }

    private static List<Execution> executions(RowSet<Row> rows) {
        List<Execution> all = new ArrayList<>();
        rows.forEach(row -> all.add(execution(row)));
        return all;
    }

    private static Execution execution(Row row) {
        return new Execution(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getUUID("workspace_id"), row.getString("idempotency_key"), row.getUUID("automation_id"),
                row.getInteger("action_index"), row.getString("action_type"),
                ExecutionStatus.fromWire(row.getString("status")), row.getString("reason"),
                row.getInteger("attempts"), row.getInteger("redeliveries"), List.of());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
