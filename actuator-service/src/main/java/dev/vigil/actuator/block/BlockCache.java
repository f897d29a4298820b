package dev.vigil.actuator.block;

import dev.vigil.actuator.config.ActuatorConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The blocks actions use, secrets included, kept for {@code vigil.actuator.block-cache.ttl} so that an
 * action does not read its block from PostgreSQL each time. An update or deletion through this replica
 * drops the entry at once; one made through another replica is seen here once the entry expires, so a
 * replaced secret or URL is used at most one TTL longer. Absent blocks are not cached.
 */
@ApplicationScoped
public class BlockCache {

    private record Key(UUID workspaceId, UUID id) {
    }

    private record Entry(BlockDocumentEntity block, long expiresAt) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a read that began before one must not store what it read. */
    private final AtomicLong generation = new AtomicLong();
    private final BlockReader reader;
    private final long ttlNanos;
    private final int maxEntries;

    public BlockCache(BlockReader reader, ActuatorConfig config) {
        this.reader = reader;
        this.ttlNanos = config.blockCache().ttl().toNanos();
        this.maxEntries = config.blockCache().maxEntries();
    }

    /** Null item when absent from this workspace. */
    public Uni<BlockDocumentEntity> read(UUID workspaceId, UUID id) {
        Key key = new Key(workspaceId, id);
        Entry entry = entries.get(key);
        if (entry != null && System.nanoTime() - entry.expiresAt() < 0) {
            return Uni.createFrom().item(entry.block());
        }
        long readGeneration = generation.get();
        return reader.read(workspaceId, id).invoke(block -> {
            if (block == null || ttlNanos <= 0) {
                entries.remove(key);
                return;
            }
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry(block, System.nanoTime() + ttlNanos));
            if (generation.get() != readGeneration) {
                // Invalidated while reading: what was read may be older than the change.
                entries.remove(key);
            }
        });
    }

    /** Drops the cached copy of a block that was just changed or deleted. */
    public void invalidate(UUID workspaceId, UUID id) {
        generation.incrementAndGet();
        entries.remove(new Key(workspaceId, id));
    }
}
