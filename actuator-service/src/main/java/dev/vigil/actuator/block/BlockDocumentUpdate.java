package dev.vigil.actuator.block;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The body of {@code PATCH /block_documents/{id}} (Prefect's BlockDocumentUpdate). */
public record BlockDocumentUpdate(Map<String, Object> data, boolean mergeExistingData) {

    @JsonCreator
    public static BlockDocumentUpdate of(@JsonProperty("data") Map<String, Object> data,
                                         @JsonProperty("merge_existing_data") Boolean mergeExistingData) {
        return new BlockDocumentUpdate(data, mergeExistingData == null || mergeExistingData);
    }
}
