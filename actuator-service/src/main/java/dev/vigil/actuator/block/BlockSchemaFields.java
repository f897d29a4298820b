package dev.vigil.actuator.block;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A block type's fields as Prefect's block schema holds them: the JSON Schema Pydantic writes for the block
 * (title, description, {@code properties}, {@code required}), plus Prefect's {@code block_type_slug},
 * {@code secret_fields} (an object of secrets as {@code name.*}, as Prefect writes a secret dict) and
 * {@code block_schema_references}.
 */
final class BlockSchemaFields {

    private static final String ARRAY = "array";
    private static final String OBJECT = "object";

    private BlockSchemaFields() {
    }

    static Map<String, Object> of(BlockType type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        List<String> secret = new ArrayList<>();
        for (BlockField field : type.fields()) {
            properties.put(field.name(), property(field));
            if (field.required()) {
                required.add(field.name());
            }
            if (field.secret()) {
                secret.add(OBJECT.equals(field.type()) ? field.name() + ".*" : field.name());
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", type.name());
        fields.put("description", type.description());
        fields.put("type", OBJECT);
        fields.put("properties", properties);
        if (!required.isEmpty()) {
            fields.put("required", required);
        }
        fields.put("block_type_slug", type.slug());
        fields.put("secret_fields", secret);
        fields.put("block_schema_references", Map.of());
        return fields;
    }

    private static Map<String, Object> property(BlockField field) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("title", field.title());
        property.put("type", field.type());
        if (field.secret()) {
            property.put("writeOnly", true);
            if (!OBJECT.equals(field.type())) {
                property.put("format", "password");
            }
        }
        if (ARRAY.equals(field.type())) {
            property.put("items", Map.of("type", "string"));
        }
        if (field.defaultValue() != null) {
            property.put("default", field.defaultValue());
        }
        if (!field.choices().isEmpty()) {
            property.put("enum", field.choices());
        }
        return property;
    }
}
