package dev.vigil.evaluator.bucket;

import java.util.List;
import java.util.UUID;

/** Identifies one bucket: a trigger of an automation in a workspace, and its {@code for_each} values. */
public record BucketKey(UUID workspaceId, UUID automationId, UUID triggerId, List<String> values) {

    public BucketKey {
        values = List.copyOf(values);
    }
}
