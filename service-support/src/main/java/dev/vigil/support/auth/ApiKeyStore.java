package dev.vigil.support.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The {@code auth.api_keys} table ({@link AuthSchema}), shared by the three services through the one database. */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS = "id, account_id, workspace_id, name, role, created, expires";

    private final Pool pool;

    public ApiKeyStore(Pool pool) {
        this.pool = pool;
    }

    /** The live (not revoked) key with this hash, or null. Expiry is the caller's to check, so it is cached too. */
    public Uni<ApiKeyPrincipal> findByHash(String keyHash) {
        return pool.preparedQuery("SELECT id, account_id, workspace_id, role, expires FROM auth.api_keys"
                        + " WHERE key_hash = $1 AND revoked IS NULL")
                .execute(Tuple.of(keyHash))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    OffsetDateTime expires = row.getOffsetDateTime("expires");
                    return new ApiKeyPrincipal(row.getUUID("id"), row.getUUID("account_id"), row.getUUID("workspace_id"),
                            Role.fromWireName(row.getString("role")), expires == null ? null : expires.toInstant());
                });
    }

    /** Stores a new key (by its hash only). */
    public Uni<ApiKeyRecord> create(UUID account, UUID workspace, String name, Role role, OffsetDateTime expires,
            String keyHash) {
        UUID id = UUID.randomUUID();
        OffsetDateTime created = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery("INSERT INTO auth.api_keys (id, account_id, workspace_id, name, role, key_hash,"
                        + " created, expires) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, account, workspace, name, role.wireName(), keyHash, created,
                        expires)))
                .map(rows -> toRecord(rows.iterator().next()));
    }

    /** Stores the key unless a key with its hash exists (a revoked bootstrap key stays revoked). */
    public Uni<Boolean> insertIfAbsent(UUID account, UUID workspace, String name, Role role, String keyHash) {
        return pool.preparedQuery("INSERT INTO auth.api_keys (id, account_id, workspace_id, name, role, key_hash,"
                        + " created) VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (key_hash) DO NOTHING")
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), account, workspace, name, role.wireName(), keyHash)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The workspace's keys that are not revoked, oldest first. */
    public Uni<List<ApiKeyRecord>> list(UUID account, UUID workspace) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM auth.api_keys"
                        + " WHERE account_id = $1 AND workspace_id = $2 AND revoked IS NULL ORDER BY created, id")
                .execute(Tuple.of(account, workspace))
                .map(ApiKeyStore::toRecords);
    }

    /** Revokes the workspace's key and returns it; a null item if it has no such live key. */
    public Uni<ApiKeyRecord> revoke(UUID account, UUID workspace, UUID id) {
        return pool.preparedQuery("UPDATE auth.api_keys SET revoked = now()"
                        + " WHERE id = $1 AND account_id = $2 AND workspace_id = $3 AND revoked IS NULL"
                        + " RETURNING " + COLUMNS)
                .execute(Tuple.of(id, account, workspace))
                .map(rows -> rows.size() == 0 ? null : toRecord(rows.iterator().next()));
    }

    private static List<ApiKeyRecord> toRecords(RowSet<Row> rows) {
        List<ApiKeyRecord> records = new ArrayList<>(rows.size());
        for (Row row : rows) {
            records.add(toRecord(row));
        }
        return records;
    }

    private static ApiKeyRecord toRecord(Row row) {
        return new ApiKeyRecord(row.getUUID("id"), row.getString("name"), row.getString("role"),
                utc(row.getOffsetDateTime("created")), utc(row.getOffsetDateTime("expires")),
                row.getUUID("account_id"), row.getUUID("workspace_id"));
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
