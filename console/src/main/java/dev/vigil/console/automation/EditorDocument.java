package dev.vigil.console.automation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.model.json.VigilJson;

/**
 * The automation editor's text, in JSON or YAML (as Prefect's {@code automation.yaml} writes one): read into the
 * JSON the API takes. JSON is tried first, so a JSON document's errors name JSON lines and columns; text that is
 * not JSON is read as YAML.
 */
record EditorDocument(JsonNode root, String problem) {

    private static final ObjectMapper JSON = VigilJson.mapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static EditorDocument read(String text) {
        String source = text == null ? "" : text;
        JsonProcessingException jsonError;
        try {
            return ofRoot(JSON.readTree(source), "JSON");
        } catch (JsonProcessingException e) {
            jsonError = e;
        }
        if (looksLikeJson(source)) {
            return new EditorDocument(null, located("JSON", jsonError));
        }
        try {
            return ofRoot(YAML.readTree(source), "YAML");
        } catch (JsonProcessingException e) {
            return new EditorDocument(null, located("YAML", e));
        }
    }

    /** The document as JSON text for the API; only when there is no problem. */
    String json() {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean ok() {
        return problem == null;
    }

    private static EditorDocument ofRoot(JsonNode root, String format) {
        if (root == null || !root.isObject()) {
            return new EditorDocument(null, format + ": the document must be one object");
        }
        return new EditorDocument(root, null);
    }

    private static boolean looksLikeJson(String source) {
        String start = source.stripLeading();
        return start.startsWith("{") || start.startsWith("[");
    }

    private static String located(String format, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? format : format + " line " + at.getLineNr() + ", column " + at.getColumnNr();
        return where + ": " + e.getOriginalMessage();
    }
}
