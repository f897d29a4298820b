package dev.vigil.support.auth;

import dev.vigil.model.messaging.Workspaces;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The {@code auth} schema, shared by the three services in the one database and owned by none of their
 * Flyway histories: each service creates it at start-up if it is missing (idempotent statements under an
 * advisory lock, so services starting together do not race), then stores the bootstrap admin key
 * ({@code vigil.auth.bootstrap-admin-key}) unless it is already there. A revoked bootstrap key stays
 * revoked. A later change to the table is another idempotent statement appended here.
 * <p>
 * A database that cannot serve yet (refusing connections, or too slow beside a loaded system) does not stop the
 * start: each step is tried again with a growing pause for up to {@code vigil.auth.startup-wait}.
 */
@Singleton
public class AuthSchema {

    /** An arbitrary constant naming the lock (the bytes of "vgl_auth"). */
    private static final long LOCK = 0x76676c5f61757468L;
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    private static final String DDL = """
            CREATE SCHEMA IF NOT EXISTS auth;
            CREATE TABLE IF NOT EXISTS auth.api_keys (
                id           uuid PRIMARY KEY,
                account_id   uuid NOT NULL,
                workspace_id uuid NOT NULL,
                name         text NOT NULL,
                role         text NOT NULL,
                key_hash     text NOT NULL UNIQUE,
                created      timestamptz NOT NULL,
                expires      timestamptz,
                revoked      timestamptz
            );
            CREATE INDEX IF NOT EXISTS api_keys_workspace ON auth.api_keys (workspace_id, account_id, created);
            """;

    private final Pool pool;
    private final ApiKeyStore store;
    private final AuthConfig config;

    public AuthSchema(Pool pool, ApiKeyStore store, AuthConfig config) {
        this.pool = pool;
        this.store = store;
        this.config = config;
    }

    /** Blocking, at start-up (not on an event loop): the services must not answer before keys can be read. */
    void onStart(@Observes StartupEvent ignored) {
        patiently("creating the auth schema", pool.withTransaction(connection -> connection
                .query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute()
                .chain(() -> connection.query(DDL).execute())));
        config.bootstrapAdminKey().ifPresent(this::bootstrap);
    }

    /** Waits for {@code step}, trying it again after each failure until {@code vigil.auth.startup-wait} is over. */
    private <T> T patiently(String what, Uni<T> step) {
        Duration wait = config.startupWait();
        return step.onFailure().invoke(e -> Log.warnf("Start-up: %s failed (%s); trying again", what, e.getMessage()))
                .onFailure().retry().withBackOff(FIRST_RETRY, LONGEST_RETRY).expireIn(wait.toMillis())
                .await().atMost(wait);
    }

    private void bootstrap(String key) {
        if (!ApiKeys.isWellFormed(key)) {
            throw new IllegalStateException("vigil.auth.bootstrap-admin-key (VIGIL_BOOTSTRAP_ADMIN_KEY) is not a"
                    + " well-formed Vigil key: generate one with bin/new-api-key");
        }
        boolean inserted = patiently("storing the bootstrap admin key", store.insertIfAbsent(Workspaces.DEFAULT,
                Workspaces.DEFAULT, "bootstrap admin", Role.ADMIN, ApiKeys.hash(key)));
        if (inserted) {
            Log.info("Stored the bootstrap admin key of the default workspace");
        }
    }
}
