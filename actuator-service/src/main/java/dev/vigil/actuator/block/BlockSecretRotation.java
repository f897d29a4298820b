package dev.vigil.actuator.block;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.model.json.VigilJson;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * At start-up, seals again with the current key every block whose secrets are stored in clear (written before
 * encryption) or sealed with an older key, so an old key can be dropped from {@code vigil.actuator.secrets.old-keys}
 * once every replica has started with the new one. Each row is replaced only if it is still what was read, so a
 * concurrent update (or another replica doing the same) is never overwritten.
 */
@ApplicationScoped
public class BlockSecretRotation {

    /** A block as read, with its stored JSON, which the update must still find. */
    private record Stored(BlockDocumentEntity block, String json) {
    }

    private final Pool pool;
    private final BlockSecretCipher cipher;

    public BlockSecretRotation(Pool pool, BlockSecretCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    void onStart(@Observes StartupEvent start) {
        // Fails the start-up at once when no usable key is configured.
        String keyId = cipher.currentKeyId();
        resealAll().subscribe().with(
                count -> {
                    if (count > 0) {
                        Log.infof("Block secrets: %d block(s) sealed again with key %s", count, keyId);
                    }
                },
                failure -> Log.warnf("Block secrets: sealing blocks again with key %s failed (%s); tried again at"
                        + " the next start", keyId, failure.getMessage()));
    }

    /** Seals every block that needs it with the current key; the number of rows replaced. */
    public Uni<Integer> resealAll() {
        return pool.query("SELECT id, workspace_id, name, block_type_slug, data::text AS data, created, updated "
                        + "FROM actuator.block_documents").execute()
                .map(rows -> {
                    List<Stored> changes = new ArrayList<>();
                    for (Row row : rows) {
                        BlockDocumentEntity block = BlockReader.entity(row);
                        if (cipher.needsResealing(block.blockTypeSlug, block.data)) {
                            changes.add(new Stored(block, row.getString("data")));
                        }
                    }
                    return changes;
                })
                .onItem().transformToMulti(changes -> Multi.createFrom().iterable(changes))
                .onItem().transformToUniAndConcatenate(this::reseal)
                .collect().asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> reseal(Stored stored) {
        BlockDocumentEntity block = stored.block();
        String sealed;
        try {
            sealed = VigilJson.mapper().writeValueAsString(
                    cipher.seal(block.id, block.blockTypeSlug, cipher.open(block.id, block.blockTypeSlug, block.data)));
        } catch (JsonProcessingException | IllegalStateException e) {
            Log.warnf("Block secrets: block %s cannot be sealed again (%s)", block.id, e.getMessage());
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery("UPDATE actuator.block_documents SET data = $2::text::jsonb "
                        + "WHERE id = $1 AND data = $3::text::jsonb")
                .execute(Tuple.of(block.id, sealed, stored.json()))
                .map(result -> result.rowCount());
    }
}
