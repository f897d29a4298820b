package dev.vigil.actuator.block;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.model.json.VigilJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;

/**
 * Reads one block, secrets included and decrypted, for an action that is about to use it. Every action reads its
 * block, so this is one plain SQL query: a Hibernate session per action cost more CPU than the rest
 * of the action's bookkeeping. The entity it answers is detached, for reading only.
 */
@ApplicationScoped
public class BlockReader {

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() { };

    private final Pool pool;
    private final BlockSecretCipher cipher;

    public BlockReader(Pool pool, BlockSecretCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    /** Null item when absent from this workspace. */
    public Uni<BlockDocumentEntity> read(UUID workspaceId, UUID id) {
        return pool.preparedQuery("SELECT id, workspace_id, name, block_type_slug, data::text AS data, created, updated "
                        + "FROM actuator.block_documents WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id))
                .map(rows -> rows.size() == 0 ? null : entity(rows.iterator().next()))
                .map(block -> {
                    if (block != null) {
                        // Read-only: the block cache hands this entity to every action that uses the block.
                        block.data = Collections.unmodifiableMap(cipher.open(block.id, block.blockTypeSlug, block.data));
                    }
                    return block;
                });
    }

    static BlockDocumentEntity entity(Row row) {
        BlockDocumentEntity block = new BlockDocumentEntity();
        block.id = row.getUUID("id");
        block.workspaceId = row.getUUID("workspace_id");
        block.name = row.getString("name");
        block.blockTypeSlug = row.getString("block_type_slug");
        block.created = row.getOffsetDateTime("created");
        block.updated = row.getOffsetDateTime("updated");
        try {
            block.data = VigilJson.mapper().readValue(row.getString("data"), DATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored data of block " + block.id + " is unreadable", e);
        }
        return block;
    }
}
