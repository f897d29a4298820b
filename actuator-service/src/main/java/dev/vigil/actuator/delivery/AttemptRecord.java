package dev.vigil.actuator.delivery;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/** One attempt of an outgoing call, as the delivery log recorded it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"attempt", "generation", "started", "duration_ms", "request", "status_code", "response_excerpt",
        "error", "outcome"})
public record AttemptRecord(int attempt, int generation, OffsetDateTime started, long durationMs, String request,
                            Integer statusCode, String responseExcerpt, String error, String outcome) {
}
