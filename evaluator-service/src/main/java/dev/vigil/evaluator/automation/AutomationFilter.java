package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The body of {@code POST /automations/filter} and {@code /count}: Prefect's sort, paging and
 * {@code automations} filter (name, created, tags).
 */
public record AutomationFilter(
        @JsonProperty("sort") String sort,
        @JsonProperty("limit") Integer limit,
        @JsonProperty("offset") Integer offset,
        @JsonProperty("automations") Criteria automations) {

    public static final AutomationFilter NONE = new AutomationFilter(null, null, null, null);

    /** Which automations: combined with {@code operator} ({@code and_} by default). */
    public record Criteria(
            @JsonProperty("operator") String operator,
            @JsonProperty("name") NameCriteria name,
            @JsonProperty("created") CreatedCriteria created,
            @JsonProperty("tags") TagsCriteria tags) {
    }

    public record NameCriteria(@JsonProperty("any_") List<String> any) {
    }

    public record CreatedCriteria(@JsonProperty("before_") OffsetDateTime before) {
    }

    public record TagsCriteria(
            @JsonProperty("all_") List<String> all,
            @JsonProperty("any_") List<String> any,
            @JsonProperty("is_null_") Boolean isNull) {
    }
}
