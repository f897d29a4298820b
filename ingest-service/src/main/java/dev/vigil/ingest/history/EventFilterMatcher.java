package dev.vigil.ingest.history;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.json.VigilJson;
import java.util.List;

/**
 * The same meaning as {@link EventFilterSql}, evaluated in memory, for live streams. Unlike Prefect's
 * live filter, {@code related} criteria are applied too. {@code resource.distinct} has no meaning
 * for a single event and is ignored.
 */
public final class EventFilterMatcher {

    private final EventFilter filter;
    private final TextQuery text;

    public EventFilterMatcher(EventFilter filter) {
        this.filter = filter;
        this.text = filter.text() == null || filter.text().query() == null ? null
                : TextQuery.parse(filter.text().query());
    }

    public boolean matches(ReceivedEvent event) {
        return occurred(event) && name(event.event()) && resource(event.resource())
                && filter.related().stream().allMatch(r -> related(r, event.related()))
                && filter.anyResource().stream().allMatch(a -> any(a, event.involvedResources()))
                && (filter.id() == null || filter.id().id() == null || filter.id().id().contains(event.id()))
                && (text == null || text.matches(searchable(event)));
    }

    private boolean occurred(ReceivedEvent event) {
        EventFilter.Occurred window = filter.occurred();
        return window == null
                || (window.since() == null || !event.occurred().isBefore(window.since()))
                && (window.until() == null || !event.occurred().isAfter(window.until()));
    }

    private boolean name(String name) {
        EventFilter.Name criteria = filter.event();
        if (criteria == null) {
            return true;
        }
        return (criteria.prefix() == null || startsWithAny(name, criteria.prefix()))
                && (criteria.excludePrefix() == null || !startsWithAny(name, criteria.excludePrefix()))
                && (criteria.name() == null || criteria.name().contains(name))
                && (criteria.excludeName() == null || !criteria.excludeName().contains(name));
    }

    private boolean resource(Resource resource) {
        EventFilter.ResourceCriteria criteria = filter.resource();
        return criteria == null
                || (criteria.id() == null || criteria.id().contains(resource.id()))
                && (criteria.idPrefix() == null || startsWithAny(resource.id(), criteria.idPrefix()))
                && (criteria.labels() == null || criteria.labels().matches(resource));
    }

    private static boolean related(EventFilter.Related criteria, List<RelatedResource> related) {
        return related.stream().anyMatch(r -> (criteria.id() == null || criteria.id().contains(r.id()))
                && (criteria.role() == null || criteria.role().contains(r.role()))
                && (criteria.resourcesInRoles() == null || criteria.resourcesInRoles().stream()
                        .anyMatch(pair -> pair.get(0).equals(r.id()) && pair.get(1).equals(r.role())))
                && (criteria.labels() == null || criteria.labels().matches(r)));
    }

    private static boolean any(EventFilter.AnyResource criteria, List<Resource> resources) {
        return resources.stream().anyMatch(r -> (criteria.id() == null || criteria.id().contains(r.id()))
                && (criteria.idPrefix() == null || startsWithAny(r.id(), criteria.idPrefix()))
                && (criteria.labels() == null || criteria.labels().matches(r)));
    }

    private static boolean startsWithAny(String value, List<String> prefixes) {
        return value != null && prefixes.stream().anyMatch(value::startsWith);
    }

    private static String searchable(ReceivedEvent event) {
        try {
            var json = VigilJson.mapper();
            return event.event() + ' ' + json.writeValueAsString(event.resource()) + ' '
                    + json.writeValueAsString(event.related()) + ' ' + json.writeValueAsString(event.payload());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return event.event();
        }
    }
}
