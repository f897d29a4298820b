package dev.vigil.console.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.web.PrettyJson;

/** One stored event as the feed shows it, with its raw JSON for the detail view. */
public record EventRow(String id, String occurred, String event, String resourceId, String resourceName,
                       String raw) {

    public static EventRow of(JsonNode event) {
        JsonNode resource = event.path("resource");
        String raw = PrettyJson.of(event);
        return new EventRow(event.path("id").asText(), event.path("occurred").asText(), event.path("event").asText(),
                resource.path("prefect.resource.id").asText(), resource.path("prefect.resource.name").asText(""),
                raw);
    }
}
