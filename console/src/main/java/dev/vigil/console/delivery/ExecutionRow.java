package dev.vigil.console.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/** One action execution of the delivery log, as the pages show it. */
public record ExecutionRow(String id, String created, String automationId, int actionIndex, String actionType,
                           String status, String reason, int attempts, int redeliveries, boolean deadLettered) {

    public static ExecutionRow of(JsonNode execution) {
        return new ExecutionRow(execution.path("id").asText(), execution.path("created").asText(),
                execution.path("automation_id").asText(), execution.path("action_index").asInt(),
                execution.path("action_type").asText(), execution.path("status").asText(),
                execution.path("reason").asText(""), execution.path("attempt_count").asInt(),
                execution.path("redeliveries").asInt(), execution.path("dead_lettered").asBoolean());
    }
}
