package dev.vigil.actuator.block;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A block type in Prefect's {@code BlockType} shape. Served on its own it also carries its current schema
 * ({@link BlockSchemaView}), which Prefect's clients ignore and Vigil's console reads; nested in a schema it
 * does not.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "created", "updated", "name", "slug", "logo_url", "documentation_url", "description",
        "code_example", "is_protected", "block_schema"})
public record BlockTypeView(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, String slug,
                            String logoUrl, String documentationUrl, String description, String codeExample,
                            boolean isProtected,
                            @JsonInclude(JsonInclude.Include.NON_NULL) BlockSchemaView blockSchema) {

    /** The catalogue is built in; its entries have existed since the epoch. */
    static final OffsetDateTime BUILT_IN = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    public static BlockTypeView of(BlockType type) {
        return new BlockTypeView(type.id(), BUILT_IN, BUILT_IN, type.name(), type.slug(), null, null,
                type.description(), null, true, BlockSchemaView.of(type, false));
    }

    static BlockTypeView withoutSchema(BlockType type) {
        return new BlockTypeView(type.id(), BUILT_IN, BUILT_IN, type.name(), type.slug(), null, null,
                type.description(), null, true, null);
    }
}
