package dev.vigil.ingest.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;

/** Event JSON and store look-ups shared by the ingest tests. */
public final class TestEvents {

    public static final Duration STORE_WAIT = Duration.ofSeconds(20);
    private static final Duration QUERY_WAIT = Duration.ofSeconds(5);

    private TestEvents() {
    }

    public static String event(UUID id, String occurred, String name, String resourceId) {
        return """
                {"id": "%s", "occurred": "%s", "event": "%s",
                 "resource": {"prefect.resource.id": "%s"},
                 "related": [{"prefect.resource.id": "prefect.flow.1", "prefect.resource.role": "flow"}],
                 "payload": {"n": 1}}""".formatted(id, occurred, name, resourceId);
    }

    public static String event(UUID id) {
        return event(id, "2026-01-01T00:00:00Z", "external.resource.pinged", "r.1");
    }

    public static long stored(Pool pool, UUID workspace, UUID id) {
        return pool.preparedQuery("SELECT count(*) FROM ingest.events WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspace, id)).await().atMost(QUERY_WAIT)
                .iterator().next().getLong(0);
    }

    public static Row row(Pool pool, UUID workspace, UUID id) {
        var rows = pool.preparedQuery("SELECT * FROM ingest.events WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspace, id)).await().atMost(QUERY_WAIT);
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    /** Unique per test run, so tests never see each other's events. */
    public static UUID freshWorkspace() {
        return UUID.randomUUID();
    }

    public static String workspacePath(UUID workspace, String rest) {
        return "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + workspace + rest;
    }
}
