package dev.vigil.actuator.block;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A block type in Prefect's {@code BlockType} shape, with its current schema ({@code BlockSchema}:
 * the fields as JSON Schema, and {@code secret_fields} naming the write-only ones).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "created", "updated", "name", "slug", "logo_url", "documentation_url", "description",
        "code_example", "is_protected", "block_schema"})
public record BlockTypeView(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, String slug,
                            String logoUrl, String documentationUrl, String description, String codeExample,
                            boolean isProtected, Map<String, Object> blockSchema) {

    /** The catalogue is built in; its entries have existed since the epoch. */
    private static final OffsetDateTime BUILT_IN = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final String SCHEMA_VERSION = "1";

    public static BlockTypeView of(BlockType type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("id", type.schemaId());
        schema.put("checksum", "sha256:" + type.schemaId());
        schema.put("block_type_id", type.id());
        schema.put("capabilities", BlockTypeCatalog.NOTIFIERS.contains(type.slug()) ? List.of("notify") : List.of());
        schema.put("version", SCHEMA_VERSION);
        schema.put("fields", fields(type));
        return new BlockTypeView(type.id(), BUILT_IN, BUILT_IN, type.name(), type.slug(), null, null,
                type.description(), null, true, schema);
    }

    private static Map<String, Object> fields(BlockType type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        List<String> secret = new ArrayList<>();
        for (BlockField field : type.fields()) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("title", field.title());
            property.put("type", field.type());
            if (field.secret()) {
                property.put("format", "password");
                property.put("writeOnly", true);
                secret.add(field.name());
            }
            if ("array".equals(field.type())) {
                property.put("items", Map.of("type", "string"));
            }
            if (field.defaultValue() != null) {
                property.put("default", field.defaultValue());
            }
            if (!field.choices().isEmpty()) {
                property.put("enum", field.choices());
            }
            properties.put(field.name(), property);
            if (field.required()) {
                required.add(field.name());
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", type.name());
        fields.put("description", type.description());
        fields.put("type", "object");
        fields.put("properties", properties);
        fields.put("required", required);
        fields.put("block_type_slug", type.slug());
        fields.put("secret_fields", secret);
        return fields;
    }
}
