package dev.vigil.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.VigilJson;

/** JSON as the pages show it: indented, with Vigil's Jackson settings. */
public final class PrettyJson {

    private PrettyJson() {
    }

    public static String of(JsonNode node) {
        try {
            return VigilJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }
}
