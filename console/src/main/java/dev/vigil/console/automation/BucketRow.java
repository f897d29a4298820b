package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.JsonNode;

/** One live bucket of {@code GET /automations/{id}/state}: its labels, count against threshold, window, state. */
public record BucketRow(String triggerId, String posture, String labels, int count, String threshold,
                        String windowStart, String windowEnd, String state) {

    public static BucketRow of(JsonNode bucket) {
        StringBuilder labels = new StringBuilder();
        bucket.path("bucket").fields().forEachRemaining(entry -> {
            if (!labels.isEmpty()) {
                labels.append(", ");
            }
            labels.append(entry.getKey()).append('=').append(entry.getValue().asText());
        });
        return new BucketRow(bucket.path("trigger_id").asText(), bucket.path("posture").asText(),
                labels.isEmpty() ? "(all events)" : labels.toString(), bucket.path("count").asInt(),
                bucket.path("threshold").isNumber() ? bucket.path("threshold").asText() : "-",
                bucket.path("window_start").asText(), bucket.path("window_end").asText(),
                bucket.path("state").asText());
    }
}
