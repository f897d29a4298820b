package dev.vigil.actuator.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One action message's execution as the delivery log and {@code /api/actions/executions} show it.
 *
 * @param nextAttemptAt while the execution is parked for a retry, when attempt {@code retryAttempt} is due (while a
 *                      replica runs that retry: when its lease ends); null otherwise
 * @param retryAttempt  the number of the attempt a parked retry resumes at (1 when never parked)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "created", "updated", "idempotency_key", "automation_id", "action_index", "action_type",
        "status", "dead_lettered", "reason", "attempt_count", "redeliveries", "next_attempt_at", "attempts"})
public record Execution(
        UUID id,
        OffsetDateTime created,
        OffsetDateTime updated,
        @JsonIgnore UUID workspaceId,
        String idempotencyKey,
        UUID automationId,
        int actionIndex,
        String actionType,
        ExecutionStatus status,
        String reason,
        int attemptCount,
        int redeliveries,
        OffsetDateTime nextAttemptAt,
        @JsonIgnore int retryAttempt,
        List<AttemptRecord> attempts) {

    /** A failed execution is kept as a dead letter until it is redelivered. */
    @JsonProperty("dead_lettered")
    public boolean deadLettered() {
        return status == ExecutionStatus.FAILED;
    }

    /** Parked for a retry (or that retry is being run under a lease): only the retry poller runs it. */
    public boolean parked() {
        return nextAttemptAt != null;
    }

    public Execution withAttempts(List<AttemptRecord> all) {
        return new Execution(id, created, updated, workspaceId, idempotencyKey, automationId, actionIndex,
                actionType, status, reason, attemptCount, redeliveries, nextAttemptAt, retryAttempt, all);
    }
}
