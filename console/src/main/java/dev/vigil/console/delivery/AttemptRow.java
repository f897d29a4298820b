package dev.vigil.console.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/** One attempt of an action's outgoing call, as the delivery log recorded it (no request headers are kept). */
public record AttemptRow(int attempt, int generation, String started, long durationMs, String statusCode,
                         String outcome, String error, String responseExcerpt) {

    public static AttemptRow of(JsonNode attempt) {
        return new AttemptRow(attempt.path("attempt").asInt(), attempt.path("generation").asInt(),
                attempt.path("started").asText(), attempt.path("duration_ms").asLong(),
                attempt.path("status_code").isNumber() ? attempt.path("status_code").asText() : "-",
                attempt.path("outcome").asText(""), attempt.path("error").asText(""),
                attempt.path("response_excerpt").asText(""));
    }
}
