package dev.vigil.actuator.block;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A block as the API returns it, in Prefect's {@code BlockDocument} shape (with its block schema and block type,
 * which Prefect's SDK reads to load a block) plus Vigil's {@code block_type_slug}: secret fields obfuscated,
 * never their values.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "created", "updated", "name", "data", "block_type_slug", "block_type_id", "block_schema_id",
        "block_type_name", "is_anonymous", "block_schema", "block_type", "block_document_references"})
public record BlockDocument(
        UUID id,
        OffsetDateTime created,
        OffsetDateTime updated,
        String name,
        Map<String, Object> data,
        String blockTypeSlug,
        UUID blockTypeId,
        UUID blockSchemaId,
        String blockTypeName,
        boolean isAnonymous,
        BlockSchemaView blockSchema,
        BlockTypeView blockType,
        Map<String, Object> blockDocumentReferences) {
}
