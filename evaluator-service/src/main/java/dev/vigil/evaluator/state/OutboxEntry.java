package dev.vigil.evaluator.state;

import dev.vigil.evaluator.bucket.RedisKeys;
import java.util.UUID;

/**
 * The firings of one committed evaluation in one workspace, as the commit script stores them until
 * they are published.
 *
 * @param id      sorts in commit order within one evaluator process; the member of the workspace's outbox index
 * @param payload the firings, as the outbox's codec (OutboxCodec) writes them
 */
public record OutboxEntry(UUID workspaceId, String id, String payload) {

    public String key() {
        return RedisKeys.outboxEntry(workspaceId, id);
    }
}
