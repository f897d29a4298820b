package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The body of {@code POST /automations/filter} and {@code /count}: Prefect's sort, paging and
 * {@code automations} filter (name, created, tags), plus a name substring ({@code name.like_}).
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

    /** {@code any_}: one of these names exactly; {@code like_} (Vigil's, as Prefect's flow filters have it): the name contains this text, case-insensitively. */
    public record NameCriteria(@JsonProperty("any_") List<String> any, @JsonProperty("like_") String like) {
    }

    public record CreatedCriteria(@JsonProperty("before_") OffsetDateTime before) {
    }

    public record TagsCriteria(
            @JsonProperty("all_") List<String> all,
            @JsonProperty("any_") List<String> any,
            @JsonProperty("is_null_") Boolean isNull) {
    }
}
