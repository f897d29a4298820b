package dev.vigil.actuator.block;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code PATCH /block_documents/{id}} (Prefect's BlockDocumentUpdate). A {@code block_schema_id}, as
 * Prefect's SDK sends when it overwrites a block, must be the schema of the block's type.
 */
public record BlockDocumentUpdate(Map<String, Object> data, boolean mergeExistingData, UUID blockSchemaId) {

    public static BlockDocumentUpdate of(Map<String, Object> data, Boolean mergeExistingData) {
        return of(data, mergeExistingData, null);
    }

    @JsonCreator
    public static BlockDocumentUpdate of(@JsonProperty("data") Map<String, Object> data,
                                         @JsonProperty("merge_existing_data") Boolean mergeExistingData,
                                         @JsonProperty("block_schema_id") UUID blockSchemaId) {
        return new BlockDocumentUpdate(data, mergeExistingData == null || mergeExistingData, blockSchemaId);
    }
}
