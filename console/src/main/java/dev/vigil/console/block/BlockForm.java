package dev.vigil.console.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiResponse.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A block's form, built from its type's schema (Prefect's block schema {@code fields}: {@code properties},
 * {@code required}, {@code secret_fields}), and the data a submitted form stands for. Secrets are write-only:
 * the form never holds their values, and a secret left empty is sent as Prefect's obfuscation marker, which the
 * actuator reads as "keep the stored value".
 */
public final class BlockForm {

    /** What the actuator shows for a stored secret and reads back as "unchanged". */
    public static final String OBFUSCATED = "********";

    private BlockForm() {
    }

    /** The inputs of a block of this schema, filled from {@code data} (the API's data, secrets obfuscated). */
    public static List<BlockFieldInput> inputs(JsonNode schemaFields, JsonNode data) {
        Set<String> required = texts(schemaFields.path("required"));
        Set<String> secrets = secretNames(schemaFields.path("secret_fields"));
        List<BlockFieldInput> inputs = new ArrayList<>();
        schemaFields.path("properties").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode property = entry.getValue();
            boolean secret = secrets.contains(name) || property.path("writeOnly").asBoolean(false);
            JsonNode value = data.path(name);
            List<String> choices = new ArrayList<>(texts(property.path("enum")));
            inputs.add(new BlockFieldInput(name, property.path("title").asText(name),
                    property.path("type").asText("string"), required.contains(name), secret, choices,
                    secret ? "" : text(value), secret && !value.isMissingNode() && !value.isNull()));
        });
        return inputs;
    }

    /** The same inputs holding what was submitted (after a refusal, so nothing typed is lost; secrets are not kept). */
    public static List<BlockFieldInput> resubmitted(List<BlockFieldInput> inputs, List<String> names,
                                                    List<String> values) {
        List<BlockFieldInput> filled = new ArrayList<>();
        for (BlockFieldInput input : inputs) {
            int at = names.indexOf(input.name());
            String given = at >= 0 && at < values.size() ? values.get(at) : input.value();
            filled.add(new BlockFieldInput(input.name(), input.title(), input.type(), input.required(), input.secret(),
                    input.choices(), input.secret() ? "" : given, input.stored()));
        }
        return filled;
    }

    /** What a submitted form means as block data, and the problems of its fields (by field name). */
    public record Parsed(ObjectNode data, List<FieldError> errors) {
    }

    /**
     * Reads the submitted values ({@code names} and {@code values} in the form's order, one pair per field).
     * Only the schema's fields are read; an empty value leaves the field out (the API applies its default), but a
     * secret left empty on a block that has one is kept as it is stored.
     */
    public static Parsed parse(List<BlockFieldInput> inputs, List<String> names, List<String> values) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        List<FieldError> errors = new ArrayList<>();
        for (BlockFieldInput input : inputs) {
            int at = names.indexOf(input.name());
            String raw = at >= 0 && at < values.size() && values.get(at) != null ? values.get(at) : "";
            if (raw.isBlank()) {
                if (input.secret() && input.stored()) {
                    data.put(input.name(), OBFUSCATED);
                } else if (input.required()) {
                    errors.add(new FieldError(input.name(), "Field required"));
                }
                continue;
            }
            switch (input.type()) {
                case "number" -> {
                    try {
                        data.put(input.name(), new BigDecimal(raw.trim()));
                    } catch (NumberFormatException e) {
                        errors.add(new FieldError(input.name(), "Input should be a number"));
                    }
                }
                case "integer" -> {
                    try {
                        data.put(input.name(), Long.parseLong(raw.trim()));
                    } catch (NumberFormatException e) {
                        errors.add(new FieldError(input.name(), "Input should be a whole number"));
                    }
                }
                case "boolean" -> {
                    if (raw.equals("true") || raw.equals("false")) {
                        data.put(input.name(), Boolean.parseBoolean(raw));
                    } else {
                        errors.add(new FieldError(input.name(), "Input should be true or false"));
                    }
                }
                case "array" -> {
                    ArrayNode items = data.putArray(input.name());
                    raw.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(items::add);
                }
                case "object" -> {
                    ObjectNode entries = data.putObject(input.name());
                    raw.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(line -> {
                        int colon = line.indexOf(':');
                        if (colon <= 0) {
                            errors.add(new FieldError(input.name(), "'" + line + "' is not a 'key: value' line"));
                        } else {
                            entries.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                        }
                    });
                }
                default -> data.put(input.name(), raw.trim());
            }
        }
        return new Parsed(data, errors);
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> lines = new ArrayList<>();
            value.forEach(item -> lines.add(item.asText()));
            return String.join("\n", lines);
        }
        if (value.isObject()) {
            List<String> lines = new ArrayList<>();
            value.fields().forEachRemaining(e -> lines.add(e.getKey() + ": " + e.getValue().asText()));
            return String.join("\n", lines);
        }
        return value.asText();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new java.util.LinkedHashSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** Prefect writes an object of secrets as {@code name.*}. */
    private static Set<String> secretNames(JsonNode secretFields) {
        Set<String> names = new HashSet<>();
        secretFields.forEach(item -> {
            String name = item.asText();
            names.add(name.endsWith(".*") ? name.substring(0, name.length() - 2) : name);
        });
        return names;
    }
}
