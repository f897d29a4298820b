package dev.vigil.evaluator.metric;

import java.util.UUID;

/** Identifies one metric trigger's state: its runs and its watch. */
public record MetricKey(UUID workspaceId, UUID automationId, UUID triggerId) {
}
