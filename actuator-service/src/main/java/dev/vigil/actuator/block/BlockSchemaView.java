package dev.vigil.actuator.block;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A block schema in Prefect's {@code BlockSchema} shape. Served on its own it carries its block type; inside a
 * block type ({@link BlockTypeView}) it leaves the type out.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "created", "updated", "checksum", "fields", "block_type_id", "block_type", "capabilities",
        "version"})
public record BlockSchemaView(UUID id, OffsetDateTime created, OffsetDateTime updated, String checksum,
                              Map<String, Object> fields, UUID blockTypeId,
                              @JsonInclude(JsonInclude.Include.NON_NULL) BlockTypeView blockType,
                              List<String> capabilities, String version) {

    /** Prefect's version of a schema not tied to a package release. */
    public static final String VERSION = "non-versioned";

    public static BlockSchemaView of(BlockType type, boolean withType) {
        Map<String, Object> fields = BlockSchemaFields.of(type);
        return new BlockSchemaView(type.schemaId(), BlockTypeView.BUILT_IN, BlockTypeView.BUILT_IN,
                BlockSchemaChecksum.of(fields), fields, type.id(), withType ? BlockTypeView.withoutSchema(type) : null,
                type.capabilities(), VERSION);
    }
}
