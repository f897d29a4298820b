package dev.vigil.actuator.block;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /block_documents/filter}: Prefect's paging and name/type criteria. */
public record BlockDocumentFilter(
        @JsonProperty("limit") Integer limit,
        @JsonProperty("offset") Integer offset,
        @JsonProperty("block_documents") Documents blockDocuments,
        @JsonProperty("block_types") Types blockTypes) {

    public static final int MAX_LIMIT = 200;

    public record Documents(@JsonProperty("name") AnyOf name) {
    }

    public record Types(@JsonProperty("slug") AnyOf slug) {
    }

    public record AnyOf(@JsonProperty("any_") List<String> any) {
    }

    int effectiveLimit() {
        return limit == null ? MAX_LIMIT : limit;
    }

    int effectiveOffset() {
        return offset == null ? 0 : offset;
    }

    List<String> names() {
        return blockDocuments == null || blockDocuments.name() == null ? null : blockDocuments.name().any();
    }

    List<String> slugs() {
        return blockTypes == null || blockTypes.slug() == null ? null : blockTypes.slug().any();
    }
}
