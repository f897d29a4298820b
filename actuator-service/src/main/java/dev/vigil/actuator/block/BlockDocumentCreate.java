package dev.vigil.actuator.block;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /block_documents/}: by {@code block_type_slug}, or Prefect's ids
 * ({@code block_schema_id} and {@code block_type_id}, as Prefect's UI and SDK send them, with
 * {@code is_anonymous}, which Vigil accepts only as false).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BlockDocumentCreate(
        String name,
        String blockTypeSlug,
        UUID blockTypeId,
        UUID blockSchemaId,
        Map<String, Object> data,
        Boolean isAnonymous) {

    public BlockDocumentCreate(String name, String blockTypeSlug, UUID blockTypeId, UUID blockSchemaId,
                               Map<String, Object> data) {
        this(name, blockTypeSlug, blockTypeId, blockSchemaId, data, null);
    }
}
