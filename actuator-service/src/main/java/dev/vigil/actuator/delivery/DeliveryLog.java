package dev.vigil.actuator.delivery;

import dev.vigil.actuator.batch.WriteBatcher;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The durable record of every action execution and every attempt, in PostgreSQL (reactive SQL client:
 * the upserts need {@code ON CONFLICT}). It also backs exactly-once: an execution that reached a final
 * status here is never run again by a redelivered message.
 */
@ApplicationScoped
public class DeliveryLog {

    public static final String COLUMNS = "id, created, updated, workspace_id, idempotency_key, automation_id, "
            + "action_index, action_type, status, reason, attempts, redeliveries, retry_at, retry_attempt";

    private static final String RECORD_ATTEMPTS = "WITH a AS (SELECT * FROM unnest($1::uuid[], $2::int[], "
            + "$3::timestamptz[], $4::bigint[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], "
            + "$10::timestamptz[]) AS a(execution_id, generation, started, duration_ms, request, status_code, "
            + "response_excerpt, error, outcome, updated)), "
            + "counted AS (UPDATE actuator.action_executions e SET attempts = e.attempts + 1, updated = a.updated "
            + "FROM a WHERE e.id = a.execution_id RETURNING e.id, e.attempts) "
            + "INSERT INTO actuator.action_attempts (execution_id, attempt, generation, started, duration_ms, request, "
            + "status_code, response_excerpt, error, outcome) "
            + "SELECT a.execution_id, counted.attempts, a.generation, a.started, a.duration_ms, a.request, a.status_code, "
            + "a.response_excerpt, a.error, a.outcome FROM a JOIN counted ON counted.id = a.execution_id "
            + "ON CONFLICT DO NOTHING";
    private static final String FINISH = "UPDATE actuator.action_executions e "
            + "SET status = f.status, reason = f.reason, updated = f.updated, retry_at = NULL "
            + "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS f(id, status, reason, updated) "
            + "WHERE e.id = f.id";

    /**
     * Opens the executions of several messages: inserts the new ones as running and answers, for each
     * message, its execution (new, or the one a message seen before left). A message whose execution
     * was inserted by a transaction this statement's snapshot does not see (a concurrent duplicate) gets
     * no row here and is looked up again alone.
     */
    private static final String OPEN = "WITH m AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], "
            + "$4::uuid[], $5::int[], $6::text[], $7::text[], $8::timestamptz[]) AS m(id, workspace_id, "
            + "idempotency_key, automation_id, action_index, action_type, message, created)), "
            + "inserted AS (INSERT INTO actuator.action_executions (id, workspace_id, idempotency_key, automation_id, "
            + "action_index, action_type, status, message, created, updated) "
            + "SELECT id, workspace_id, idempotency_key, automation_id, action_index, action_type, 'running', "
            + "message::jsonb, created, created FROM m "
            + "ON CONFLICT (workspace_id, idempotency_key) DO NOTHING RETURNING " + COLUMNS + ") "
            + "SELECT " + COLUMNS + " FROM inserted UNION ALL "
            + "SELECT " + prefixed("e.") + " FROM actuator.action_executions e "
            + "JOIN m ON e.workspace_id = m.workspace_id AND e.idempotency_key = m.idempotency_key";
    private static final String FIND_BY_KEY = "SELECT " + COLUMNS + " FROM actuator.action_executions "
            + "WHERE workspace_id = $1 AND idempotency_key = $2";

    private record OpenRow(UUID id, ActionMessage message, String json, OffsetDateTime created) {
    }

    private record AttemptRow(UUID executionId, int generation, OffsetDateTime started, long durationMs,
                              String request, Integer statusCode, String responseExcerpt, String error,
                              String outcome, OffsetDateTime updated) {
    }

    private record FinishRow(UUID executionId, String status, String reason, OffsetDateTime updated) {
    }

    private final Pool pool;
    private final WriteBatcher<OpenRow, Execution> opens;
    private final WriteBatcher<AttemptRow, Void> attempts;
    private final WriteBatcher<FinishRow, Void> finishes;

    public DeliveryLog(Pool pool, Vertx vertx, ActuatorConfig config) {
        this.pool = pool;
        Duration window = config.deliveryLog().batchWindow();
        int size = config.deliveryLog().batchSize();
        this.opens = new WriteBatcher<>(vertx, window, size, this::insertExecutions);
        this.attempts = WriteBatcher.ofStatements(vertx, window, size, this::insertAttempts);
        this.finishes = WriteBatcher.ofStatements(vertx, window, size, this::updateStatuses);
    }

    /**
     * The execution of this message, created as running when it is the first delivery. The opens of
     * concurrently arriving actions share one statement, which also answers the executions of messages
     * seen before; a row the database rejects fails only its own caller.
     */
    public Uni<Execution> open(ActionMessage message) {
        try {
            return open(message, VigilJson.mapper().writeValueAsString(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** {@link #open(ActionMessage)} of a message as it arrived, {@code json}, stored as is (not written again). */
    public Uni<Execution> open(ActionMessage message, String json) {
        return opens.write(new OpenRow(UUID.randomUUID(), message, json, now()))
                .chain(opened -> opened != null ? Uni.createFrom().item(opened) : findByKey(message));
    }

    /**
     * {@link #open(ActionMessage, String)} of several messages in one statement, at once (no window): answers each
     * message's execution, in order. A row the database rejects fails only its own result. The messages' keys must be
     * distinct.
     */
    public List<Uni<Execution>> openAll(List<ActionMessage> messages, List<String> jsons) {
        List<OpenRow> rows = new ArrayList<>(messages.size());
        OffsetDateTime now = now();
        for (int i = 0; i < messages.size(); i++) {
            rows.add(new OpenRow(UUID.randomUUID(), messages.get(i), jsons.get(i), now));
        }
        List<Uni<Execution>> opened = opens.writeAll(rows);
        List<Uni<Execution>> found = new ArrayList<>(opened.size());
        for (int i = 0; i < opened.size(); i++) {
            ActionMessage message = messages.get(i);
            found.add(opened.get(i).chain(execution -> execution != null ? Uni.createFrom().item(execution)
                    : findByKey(message)));
        }
        return found;
    }

    private Uni<Execution> findByKey(ActionMessage message) {
        return pool.preparedQuery(FIND_BY_KEY)
                .execute(Tuple.of(message.workspaceId(), message.idempotencyKey()))
                .map(rows -> execution(rows.iterator().next()));
    }

    /** Null for a row whose execution the statement's snapshot cannot see; see {@link #OPEN}. */
    private Uni<List<Execution>> insertExecutions(List<OpenRow> rows) {
        // The message is bound as text and cast by the server: a jsonb parameter would need it parsed here first.
        return pool.preparedQuery(OPEN).execute(Tuple.tuple(List.<Object>of(
                        column(rows, OpenRow::id, UUID[]::new),
                        column(rows, r -> r.message().workspaceId(), UUID[]::new),
                        column(rows, r -> r.message().idempotencyKey(), String[]::new),
                        column(rows, r -> r.message().automation().id(), UUID[]::new),
                        column(rows, r -> r.message().actionIndex(), Integer[]::new),
                        column(rows, r -> r.message().action().type(), String[]::new),
                        column(rows, OpenRow::json, String[]::new),
                        column(rows, OpenRow::created, OffsetDateTime[]::new))))
                .map(found -> {
                    Map<String, Execution> byKey = new HashMap<>();
                    for (Row row : found) {
                        Execution execution = execution(row);
                        byKey.put(execution.workspaceId() + "/" + execution.idempotencyKey(), execution);
                    }
                    List<Execution> opened = new ArrayList<>(rows.size());
                    for (OpenRow row : rows) {
                        opened.add(byKey.get(row.message().workspaceId() + "/" + row.message().idempotencyKey()));
                    }
                    return opened;
                });
    }

    private static String prefixed(String alias) {
        return alias + COLUMNS.replace(", ", ", " + alias);
    }

    /**
     * Records an attempt that is over as the execution's next one, numbering it and counting it; the
     * attempts of concurrently running actions share one statement. Numbers run on across redeliveries.
     */
    public Uni<Void> recordAttempt(Delivery delivery, OffsetDateTime started, long durationMs, String request,
                                   Attempt<?> result, String outcome) {
        return attempts.write(new AttemptRow(delivery.executionId(), delivery.generation(), started, durationMs,
                request, result.statusCode(), result.responseExcerpt(), result.error(), outcome, now()));
    }

    /** Records the execution's final status; concurrently finishing actions share one statement. */
    public Uni<Void> finish(UUID executionId, ExecutionStatus status, String reason) {
        return finishes.write(new FinishRow(executionId, status.wire(), reason, now()));
    }

    /**
     * Two attempts of one execution in one statement would get one number: such a batch (an owner that
     * lost its claim racing the one that took over) is written in rounds of distinct executions, in order.
     */
    private Uni<Void> insertAttempts(List<AttemptRow> rows) {
        List<List<AttemptRow>> rounds = new ArrayList<>();
        // A row goes in the round after the last one holding its execution: the n-th row of an execution in round n.
        Map<UUID, Integer> rowsPerExecution = new HashMap<>();
        for (AttemptRow row : rows) {
            int round = rowsPerExecution.merge(row.executionId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(row);
        }
        Uni<Void> written = Uni.createFrom().voidItem();
        for (List<AttemptRow> round : rounds) {
            written = written.chain(() -> pool.preparedQuery(RECORD_ATTEMPTS).execute(Tuple.tuple(List.<Object>of(
                    column(round, AttemptRow::executionId, UUID[]::new),
                    column(round, AttemptRow::generation, Integer[]::new),
                    column(round, AttemptRow::started, OffsetDateTime[]::new),
                    column(round, AttemptRow::durationMs, Long[]::new),
                    column(round, AttemptRow::request, String[]::new),
                    column(round, AttemptRow::statusCode, Integer[]::new),
                    column(round, AttemptRow::responseExcerpt, String[]::new),
                    column(round, AttemptRow::error, String[]::new),
                    column(round, AttemptRow::outcome, String[]::new),
                    column(round, AttemptRow::updated, OffsetDateTime[]::new)))).replaceWithVoid());
        }
        return written;
    }

    private Uni<Void> updateStatuses(List<FinishRow> rows) {
        return pool.preparedQuery(FINISH).execute(Tuple.of(
                        column(rows, FinishRow::executionId, UUID[]::new),
                        column(rows, FinishRow::status, String[]::new),
                        column(rows, FinishRow::reason, String[]::new),
                        column(rows, FinishRow::updated, OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private static <R, V> V[] column(List<R> rows, Function<R, V> field, IntFunction<V[]> array) {
        V[] values = array.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(rows.get(i));
        }
        return values;
    }

    /**
     * Takes a dead letter back to running for a redelivery; a null item unless it was failed (so
     * two concurrent redeliveries cannot both run it).
     */
    public Uni<Execution> reopen(UUID workspaceId, UUID id) {
        return pool.preparedQuery("UPDATE actuator.action_executions SET status = 'running', reason = NULL, "
                        + "redeliveries = redeliveries + 1, updated = $3, retry_at = NULL, retry_attempt = 1 "
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

    public static Execution execution(Row row) {
        return new Execution(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getUUID("workspace_id"), row.getString("idempotency_key"), row.getUUID("automation_id"),
                row.getInteger("action_index"), row.getString("action_type"),
                ExecutionStatus.fromWire(row.getString("status")), row.getString("reason"),
                row.getInteger("attempts"), row.getInteger("redeliveries"), row.getOffsetDateTime("retry_at"),
                row.getInteger("retry_attempt"), List.of());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
