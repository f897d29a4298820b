package dev.vigil.actuator.retry;

import dev.vigil.actuator.batch.WriteBatcher;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.DeliveryLog;
import dev.vigil.actuator.delivery.Execution;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The durable queue of parked retries: the delivery log's executions with a {@code retry_at} (PostgreSQL, next to
 * the action message the execution already keeps). An action whose call failed retryably with attempts left is
 * parked here, so its Kafka message can be acknowledged and the committed offset moves on; the
 * {@link RetryPoller} takes due ones and runs them. While a replica runs a retry, {@code retry_at} is its lease:
 * a replica that crashed mid-retry leaves it due again once the lease is over.
 */
@ApplicationScoped
public class RetryQueue {

    private static final String PARK = "UPDATE actuator.action_executions e "
            + "SET retry_at = p.due, retry_attempt = p.attempt, updated = p.updated, retry_target = p.target "
            + "FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::timestamptz[], $5::text[]) "
            + "AS p(id, due, attempt, updated, target) "
            + "WHERE e.id = p.id AND e.status = 'running'";

    /**
     * Due retries, oldest first, at most {@code $3} of one workspace (so one workspace's backlog cannot fill a poll),
     * at most {@code $2} in all, none of the workspaces {@code $4} (those with their share running already). It walks
     * the workspaces that have parked retries (one index probe each, in the index of V5) and reads each one's oldest
     * due ones, so a poll costs the same however many executions are parked or finished.
     */
    private static final String DUE = "WITH RECURSIVE parked(ws) AS ("
            + "(SELECT workspace_id FROM actuator.action_executions "
            + "WHERE status = 'running' AND retry_at IS NOT NULL ORDER BY workspace_id LIMIT 1) "
            + "UNION ALL SELECT (SELECT e.workspace_id FROM actuator.action_executions e "
            + "WHERE e.status = 'running' AND e.retry_at IS NOT NULL AND e.workspace_id > parked.ws "
            + "ORDER BY e.workspace_id LIMIT 1) FROM parked WHERE parked.ws IS NOT NULL) "
            + "SELECT " + DeliveryLog.COLUMNS + ", retry_target, message::text AS message_text FROM parked "
            + "CROSS JOIN LATERAL (SELECT * FROM actuator.action_executions e WHERE e.workspace_id = parked.ws "
            + "AND e.status = 'running' AND e.retry_at IS NOT NULL AND e.retry_at <= $1 "
            + "ORDER BY e.retry_at LIMIT $3) due "
            + "WHERE parked.ws <> ALL($4) ORDER BY due.retry_at LIMIT $2";

    /**
     * Logs attempt {@code attempt} of each due execution as refused without running it and parks it for the next
     * attempt at {@code next_due}, in one statement: only the executions still due, running and at that attempt
     * (none another replica leased or ran meanwhile). The attempt is numbered as every attempt is (the execution's
     * count), its request is the previous attempt's. Answers the ids skipped.
     */
    private static final String SKIP = "WITH s AS (SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], "
            + "$4::text[]) AS s(id, attempt, next_due, error)), "
            + "moved AS (UPDATE actuator.action_executions e SET attempts = e.attempts + 1, "
            + "retry_attempt = s.attempt + 1, retry_at = s.next_due, updated = $5 FROM s "
            + "WHERE e.id = s.id AND e.status = 'running' AND e.retry_at IS NOT NULL AND e.retry_at <= $5 "
            + "AND e.retry_attempt = s.attempt RETURNING e.id, e.attempts, e.redeliveries) "
            + "INSERT INTO actuator.action_attempts (execution_id, attempt, generation, started, duration_ms, request, "
            + "status_code, response_excerpt, error, outcome) "
            + "SELECT moved.id, moved.attempts, moved.redeliveries, $5, 0, (SELECT a.request FROM "
            + "actuator.action_attempts a WHERE a.execution_id = moved.id ORDER BY a.attempt DESC LIMIT 1), NULL, NULL, "
            + "s.error, 'retrying' FROM moved JOIN s ON s.id = moved.id ON CONFLICT DO NOTHING RETURNING execution_id";

    /** Leases the executions still due and running (the caller holds their claims): answers their ids. */
    private static final String TAKE = "UPDATE actuator.action_executions SET retry_at = $3 "
            + "WHERE id = ANY($1) AND retry_at <= $2 AND status = 'running' RETURNING id";

    /**
     * Inserts the executions of messages parked before their first attempt (their workspace over its share of held
     * actions), due now; answers the keys inserted. A key with an execution already is left as it is.
     */
    private static final String DEFER = "INSERT INTO actuator.action_executions (id, workspace_id, idempotency_key, "
            + "automation_id, action_index, action_type, status, message, created, updated, retry_at, retry_attempt) "
            + "SELECT id, workspace_id, idempotency_key, automation_id, action_index, action_type, 'running', "
            + "message::jsonb, created, created, created, 1 FROM unnest($1::uuid[], $2::uuid[], $3::text[], "
            + "$4::uuid[], $5::int[], $6::text[], $7::text[], $8::timestamptz[]) AS m(id, workspace_id, "
            + "idempotency_key, automation_id, action_index, action_type, message, created) "
            + "ON CONFLICT (workspace_id, idempotency_key) DO NOTHING RETURNING idempotency_key";

    private record Park(UUID executionId, OffsetDateTime due, int attempt, OffsetDateTime updated, String target) {
    }

    /**
     * A due retry: its execution, the action message it keeps, and the target of its last attempt (null when
     * unknown: parked before its first attempt, or an action that calls no target).
     */
    public record Due(Execution execution, String message, String target) {
    }

    /** A due retry left unrun: its attempt {@code attempt} is refused for {@code error}, the next due at {@code nextDue}. */
    public record Skip(UUID executionId, int attempt, OffsetDateTime nextDue, String error) {
    }

    private final Pool pool;
    private final WriteBatcher<Park, Void> parks;

    public RetryQueue(Pool pool, Vertx vertx, ActuatorConfig config) {
        this.pool = pool;
        this.parks = WriteBatcher.ofStatements(vertx, config.deliveryLog().batchWindow(),
                config.deliveryLog().batchSize(), this::writeParks);
    }

    /**
     * Parks a running execution until {@code delay} from now, to resume at attempt {@code nextAttempt}; {@code target}
     * is the one its failed attempt called (null if none). The parks of actions failing about together share one
     * statement. Over once the park is durable.
     */
    public Uni<Void> park(UUID executionId, Duration delay, int nextAttempt, String target) {
        OffsetDateTime now = now();
        return parks.write(new Park(executionId, now.plus(delay), nextAttempt, now, target));
    }

    /** Leaves the due retries {@code skips} unrun, each attempt logged as refused (see {@code SKIP}): answers the ids. */
    public Uni<Set<UUID>> skip(List<Skip> skips) {
        if (skips.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery(SKIP).execute(Tuple.of(
                        skips.stream().map(Skip::executionId).toArray(UUID[]::new),
                        skips.stream().map(Skip::attempt).toArray(Integer[]::new),
                        skips.stream().map(Skip::nextDue).toArray(OffsetDateTime[]::new),
                        skips.stream().map(Skip::error).toArray(String[]::new),
                        now()))
                .map(rows -> {
                    Set<UUID> skipped = new HashSet<>();
                    rows.forEach(row -> skipped.add(row.getUUID("execution_id")));
                    return skipped;
                });
    }

    /**
     * Parks the actions of {@code messages} (as they arrived, {@code jsons}) before their first attempt, due now, in
     * one statement: answers the idempotency keys parked; a message whose key has an execution already is not.
     */
    public Uni<Set<String>> defer(List<ActionMessage> messages, List<String> jsons) {
        OffsetDateTime now = now();
        int n = messages.size();
        UUID[] ids = new UUID[n];
        UUID[] workspaces = new UUID[n];
        String[] keys = new String[n];
        UUID[] automations = new UUID[n];
        Integer[] indexes = new Integer[n];
        String[] types = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            ActionMessage message = messages.get(i);
            ids[i] = UUID.randomUUID();
            workspaces[i] = message.workspaceId();
            keys[i] = message.idempotencyKey();
            automations[i] = message.automation().id();
            indexes[i] = message.actionIndex();
            types[i] = message.action().type();
            created[i] = now;
        }
        return pool.preparedQuery(DEFER).execute(Tuple.tuple(List.<Object>of(ids, workspaces, keys, automations,
                        indexes, types, jsons.toArray(String[]::new), created)))
                .map(rows -> {
                    Set<String> parked = new HashSet<>();
                    rows.forEach(row -> parked.add(row.getString("idempotency_key")));
                    return parked;
                });
    }

    /**
     * Up to {@code limit} retries due now, at most {@code perWorkspace} of one workspace and none of {@code skipped},
     * oldest first.
     */
    public Uni<List<Due>> due(int limit, int perWorkspace, Set<UUID> skipped) {
        return pool.preparedQuery(DUE).execute(Tuple.of(now(), limit, perWorkspace, skipped.toArray(UUID[]::new)))
                .map(rows -> {
            List<Due> due = new ArrayList<>(rows.size());
            for (Row row : rows) {
                due.add(new Due(DeliveryLog.execution(row), row.getString("message_text"),
                        row.getString("retry_target")));
            }
            return due;
        });
    }

    /**
     * Takes the executions {@code ids} that are still due, leasing each until {@code lease} from now: during the lease
     * no one else takes them, past it they are due again. The caller holds their claims, so none is parked or
     * finished meanwhile. Answers the ids taken.
     */
    public Uni<Set<UUID>> take(List<UUID> ids, Duration lease) {
        OffsetDateTime now = now();
        return pool.preparedQuery(TAKE).execute(Tuple.of(ids.toArray(UUID[]::new), now, now.plus(lease)))
                .map(rows -> {
                    Set<UUID> taken = new HashSet<>();
                    rows.forEach(row -> taken.add(row.getUUID("id")));
                    return taken;
                });
    }

    private Uni<Void> writeParks(List<Park> rows) {
        return pool.preparedQuery(PARK).execute(Tuple.of(
                        rows.stream().map(Park::executionId).toArray(UUID[]::new),
                        rows.stream().map(Park::due).toArray(OffsetDateTime[]::new),
                        rows.stream().map(Park::attempt).toArray(Integer[]::new),
                        rows.stream().map(Park::updated).toArray(OffsetDateTime[]::new),
                        rows.stream().map(Park::target).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
