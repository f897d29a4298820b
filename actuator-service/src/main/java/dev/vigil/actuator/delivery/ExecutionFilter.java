package dev.vigil.actuator.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The filters of {@code GET /api/actions/executions}; null means any. */
public record ExecutionFilter(UUID automationId, ExecutionStatus status, OffsetDateTime since, OffsetDateTime until,
                              int limit, int offset) {
}
