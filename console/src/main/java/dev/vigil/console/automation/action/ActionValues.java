package dev.vigil.console.automation.action;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A stored action's JSON as its kind's form values, the inverse of {@link ActionBuilder}: only the kind's own
 * fields are read (an action names blocks by id; nothing of a block, and so no secret, is in it).
 */
public final class ActionValues {

    private ActionValues() {
    }

    /** The form values of {@code action} by JSON field name; an absent or null field is empty. */
    public static Map<String, String> of(ActionKind kind, JsonNode action) {
        Map<String, String> values = new HashMap<>();
        for (ActionField field : kind.fields()) {
            JsonNode value = action.path(field.name());
            values.put(field.name(), value.isMissingNode() || value.isNull() ? "" : text(field, value));
        }
        return values;
    }

    private static String text(ActionField field, JsonNode value) {
        return switch (field.input()) {
            case FLAG -> value.asBoolean() ? "true" : "";
            case SECONDS -> value.isNumber() ? Long.toString(value.asLong()) : value.asText();
            default -> value.isValueNode() ? value.asText() : value.toString();
        };
    }
}
