package dev.vigil.actuator.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.VigilJson;

/** Recognises rendered text that is a JSON document, to send it as JSON. */
public final class JsonText {

    private JsonText() {
    }

    /** True for a JSON object or array. */
    public static boolean isJsonDocument(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return false;
        }
        try {
            JsonNode node = VigilJson.mapper().readTree(trimmed);
            return node.isObject() || node.isArray();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }
}
