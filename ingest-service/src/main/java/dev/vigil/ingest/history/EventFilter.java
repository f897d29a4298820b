package dev.vigil.ingest.history;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.event.ResourceSpecification;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Prefect's {@code EventFilter}: every given criterion must hold. {@code related} and
 * {@code any_resource} take one object or a list (all must hold).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventFilter(
        Occurred occurred,
        Name event,
        ResourceCriteria resource,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Related> related,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<AnyResource> anyResource,
        Ids id,
        Text text,
        Order order) {

    public enum Order { ASC, DESC }

    public EventFilter {
        related = related == null ? List.of() : List.copyOf(related);
        anyResource = anyResource == null ? List.of() : List.copyOf(anyResource);
        order = order == null ? Order.DESC : order;
    }

    public static EventFilter empty() {
        return new EventFilter(null, null, null, null, null, null, null, null);
    }

    public EventFilter withOccurred(Occurred window) {
        return new EventFilter(window, event, resource, related, anyResource, id, text, order);
    }

    public EventFilter withOrder(Order newOrder) {
        return new EventFilter(occurred, event, resource, related, anyResource, id, text, newOrder);
    }

    /** Inclusive bounds on {@code occurred}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Occurred(OffsetDateTime since, OffsetDateTime until) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Name(List<String> prefix, List<String> excludePrefix, List<String> name, List<String> excludeName) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResourceCriteria(List<String> id, List<String> idPrefix, ResourceSpecification labels,
            Boolean distinct) {

        public boolean isDistinct() {
            return Boolean.TRUE.equals(distinct);
        }
    }

    /** Criteria that one related resource must meet together; {@code resources_in_roles} pairs are OR-ed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Related(List<String> id, List<String> role, List<List<String>> resourcesInRoles,
            ResourceSpecification labels) {
    }

    /** Criteria that the primary resource or one related resource must meet. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnyResource(List<String> id, List<String> idPrefix, ResourceSpecification labels) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Ids(List<UUID> id) {
    }

    /** Terms are OR-ed, {@code -term} excludes, {@code "quoted phrases"} match as a whole. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Text(String query) {
    }
}
