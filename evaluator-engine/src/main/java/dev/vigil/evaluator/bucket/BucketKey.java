package dev.vigil.evaluator.bucket;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one bucket: a trigger of an automation in a workspace, and its {@code for_each} values.
 *
 * <p>A value class rather than a record only to keep its hash: an evaluated batch puts each key in several
 * maps (the batch plan, the snapshot, the write-back state, the quota), and hashing three UUIDs and the values
 * again each time showed up in the evaluator's profile.
 */
public final class BucketKey {

    private final UUID workspaceId;
    private final UUID automationId;
    private final UUID triggerId;
    private final List<String> values;
    private final int hash;

    public BucketKey(UUID workspaceId, UUID automationId, UUID triggerId, List<String> values) {
        this.workspaceId = workspaceId;
        this.automationId = automationId;
        this.triggerId = triggerId;
        this.values = List.copyOf(values);
        this.hash = Objects.hash(workspaceId, automationId, triggerId, this.values);
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public UUID automationId() {
        return automationId;
    }

    public UUID triggerId() {
        return triggerId;
    }

    public List<String> values() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof BucketKey key && hash == key.hash
                && Objects.equals(triggerId, key.triggerId) && Objects.equals(automationId, key.automationId)
                && Objects.equals(workspaceId, key.workspaceId) && values.equals(key.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "BucketKey[workspaceId=" + workspaceId + ", automationId=" + automationId + ", triggerId=" + triggerId
                + ", values=" + values + "]";
    }
}
