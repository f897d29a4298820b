package dev.vigil.console.automation.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.action.Action;
import dev.vigil.model.json.VigilJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns an action form's values into Prefect's JSON for that action, or says, per field, what is wrong. The
 * JSON is read into the shared model's {@link Action} and written back, so what is added is what the services
 * read (with their defaults filled in, e.g. {@code force: false}).
 */
public final class ActionBuilder {

    /** The action's JSON, or the problems by field name (the whole form under {@link #WHOLE}). */
    public record Built(Optional<JsonNode> action, Map<String, String> errors) {
    }

    public static final String WHOLE = "";

    private static final ObjectMapper JSON = VigilJson.mapper();

    private ActionBuilder() {
    }

    /**
     * @param values   the form's values by JSON field name (absent or blank: not given)
     * @param blockIds the ids of the workspace's blocks this kind may name
     */
    public static Built build(ActionKind kind, Map<String, String> values, Set<String> blockIds) {
        ObjectNode action = JsonNodeFactory.instance.objectNode().put("type", kind.type());
        Map<String, String> errors = new LinkedHashMap<>();
        boolean inferred = ActionKinds.INFERRED.equals(text(values, "source"));
        for (ActionField field : kind.fields()) {
            String value = text(values, field.name());
            if (value.isEmpty()) {
                if (field.input() == ActionField.Input.FLAG) {
                    action.put(field.name(), false);
                } else if (field.input() == ActionField.Input.ID && !inferred) {
                    errors.put(field.name(), "Give the id: it is required when the source is \"selected\".");
                } else if (field.required()) {
                    errors.put(field.name(), field.input() == ActionField.Input.BLOCK
                            ? "Choose a block of this workspace." : "Required.");
                }
                continue;
            }
            read(field, value, inferred, blockIds).ifPresentOrElse(
                    problem -> errors.put(field.name(), problem), () -> put(action, field, value, inferred));
        }
        if (!errors.isEmpty()) {
            return new Built(Optional.empty(), errors);
        }
        try {
            Action typed = JSON.treeToValue(action, Action.class);
            return new Built(Optional.of(JSON.readTree(JSON.writerFor(Action.class).writeValueAsString(typed))),
                    Map.of());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new Built(Optional.empty(), Map.of(WHOLE, "The action could not be read: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage())));
        }
    }

    /** Why {@code value} does not fit {@code field}; empty when it does. */
    private static Optional<String> read(ActionField field, String value, boolean inferred, Set<String> blockIds) {
        return switch (field.input()) {
            case BLOCK -> blockIds.contains(value) ? Optional.empty()
                    : Optional.of("Choose a block of this workspace.");
            case ID -> inferred ? Optional.empty() : uuid(value);
            case SOURCE, CHOICE -> field.options().contains(value) ? Optional.empty()
                    : Optional.of("Choose one of " + String.join(", ", field.options()) + ".");
            case JSON_OBJECT -> jsonObject(value).isPresent() ? Optional.empty()
                    : Optional.of("Not a JSON object: write {\"name\": value, ...}, or leave it empty.");
            case SECONDS -> seconds(value) >= 0 ? Optional.empty()
                    : Optional.of("A whole number of seconds, 0 or more.");
            case FLAG, LINE, TEXT -> Optional.empty();
        };
    }

    private static void put(ObjectNode action, ActionField field, String value, boolean inferred) {
        switch (field.input()) {
            case ID -> {
                if (!inferred) {
                    action.put(field.name(), value);
                }
            }
            case FLAG -> action.put(field.name(), true);
            case JSON_OBJECT -> action.set(field.name(), jsonObject(value).orElseThrow());
            case SECONDS -> action.put(field.name(), seconds(value));
            default -> action.put(field.name(), value);
        }
    }

    private static Optional<String> uuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == UUID_LENGTH ? Optional.empty() : Optional.of(NOT_AN_ID);
        } catch (IllegalArgumentException e) {
            return Optional.of(NOT_AN_ID);
        }
    }

    private static final int UUID_LENGTH = 36;
    private static final String NOT_AN_ID = "Not an id: an id looks like 3fa85f64-5717-4562-b3fc-2c963f66afa6.";

    private static Optional<JsonNode> jsonObject(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The seconds given, or -1 when they are not a whole number of seconds. */
    private static long seconds(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(Map<String, String> values, String name) {
        String value = values.get(name);
        return value == null ? "" : value.strip();
    }
}
