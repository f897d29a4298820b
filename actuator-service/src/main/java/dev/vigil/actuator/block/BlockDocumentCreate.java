package dev.vigil.actuator.block;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import java.util.UUID;

/** The body of {@code POST /block_documents/}: by {@code block_type_slug}, or Prefect's ids. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BlockDocumentCreate(
        String name,
        String blockTypeSlug,
        UUID blockTypeId,
        UUID blockSchemaId,
        Map<String, Object> data) {
}
