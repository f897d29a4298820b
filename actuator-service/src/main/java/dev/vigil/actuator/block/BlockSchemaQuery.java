package dev.vigil.actuator.block;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The body of {@code POST /block_schemas/filter}: Prefect's paging and {@code block_schemas} criteria
 * ({@code block_type_id}, {@code block_capabilities}, {@code id}, {@code version}, joined by {@code operator}).
 */
public record BlockSchemaQuery(
        @JsonProperty("block_schemas") Criteria blockSchemas,
        @JsonProperty("limit") Integer limit,
        @JsonProperty("offset") Integer offset) {

    public static final int MAX_LIMIT = 200;
    private static final String OR = "or_";

    public record Criteria(
            @JsonProperty("operator") String operator,
            @JsonProperty("block_type_id") AnyOf blockTypeId,
            @JsonProperty("block_capabilities") AllOf blockCapabilities,
            @JsonProperty("id") AnyOf id,
            @JsonProperty("version") AnyOf version) {
    }

    public record AnyOf(@JsonProperty("any_") List<String> any) {
    }

    public record AllOf(@JsonProperty("all_") List<String> all) {
    }

    int effectiveLimit() {
        return limit == null ? MAX_LIMIT : limit;
    }

    int effectiveOffset() {
        return offset == null ? 0 : offset;
    }

    /** The schemas these criteria select; ids compare as text, ignoring case. */
    Predicate<BlockSchemaView> selects() {
        if (blockSchemas == null) {
            return schema -> true;
        }
        List<Predicate<BlockSchemaView>> parts = new ArrayList<>();
        Criteria c = blockSchemas;
        if (c.blockTypeId() != null && c.blockTypeId().any() != null) {
            parts.add(s -> anyIgnoringCase(c.blockTypeId().any(), s.blockTypeId().toString()));
        }
        if (c.id() != null && c.id().any() != null) {
            parts.add(s -> anyIgnoringCase(c.id().any(), s.id().toString()));
        }
        if (c.version() != null && c.version().any() != null) {
            parts.add(s -> c.version().any().contains(s.version()));
        }
        if (c.blockCapabilities() != null && c.blockCapabilities().all() != null
                && !c.blockCapabilities().all().isEmpty()) {
            parts.add(s -> s.capabilities().containsAll(c.blockCapabilities().all()));
        }
        if (parts.isEmpty()) {
            return schema -> true;
        }
        boolean or = OR.equals(c.operator());
        return schema -> or ? parts.stream().anyMatch(p -> p.test(schema)) : parts.stream().allMatch(p -> p.test(schema));
    }

    private static boolean anyIgnoringCase(List<String> values, String id) {
        return values.stream().anyMatch(id::equalsIgnoreCase);
    }
}
