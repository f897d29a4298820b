package dev.vigil.console.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.web.PrettyJson;

/** One stored event as the feed shows it, with its raw JSON for the detail view. */
public record EventRow(String id, String occurred, String event, String resourceId, String resourceName,
                       String raw) {

    public static EventRow of(JsonNode event) {
        return of(event, PrettyJson.of(event));
    }

    /** The row without its raw JSON (empty), for a list that shows none, such as Explain's picker. */
    public static EventRow withoutRaw(JsonNode event) {
        return of(event, "");
    }

    private static EventRow of(JsonNode event, String raw) {
        JsonNode resource = event.path("resource");
        return new EventRow(event.path("id").asText(), event.path("occurred").asText(), event.path("event").asText(),
                resource.path("prefect.resource.id").asText(), resource.path("prefect.resource.name").asText(""),
                raw);
    }
}
