package dev.vigil.evaluator.bucket;

import java.util.UUID;

/** Identifies the child firings a composite trigger of an automation has collected. */
public record CompositeKey(UUID workspaceId, UUID automationId, UUID triggerId) {
}
