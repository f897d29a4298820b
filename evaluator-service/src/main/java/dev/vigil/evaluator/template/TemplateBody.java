package dev.vigil.evaluator.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.VigilJson;

/**
 * The template text of a validation request. Prefect's client sends the template as a JSON string
 * ({@code "\"{{ x }}\""}), so a body that is exactly one JSON string literal is decoded first; any other
 * body is the template itself (raw text, as Vigil's own clients send it).
 */
public final class TemplateBody {

    private TemplateBody() {
    }

    public static String decode(String body) {
        if (body == null) {
            return "";
        }
        String trimmed = body.strip();
        if (trimmed.length() < 2 || trimmed.charAt(0) != '"' || trimmed.charAt(trimmed.length() - 1) != '"') {
            return body;
        }
        try {
            JsonNode node = VigilJson.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(trimmed);
            return node != null && node.isTextual() ? node.textValue() : body;
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
