package dev.vigil.ingest.history;

import dev.vigil.model.event.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds the SQL {@code WHERE} clause of an {@link EventFilter} over {@code ingest.events e}. */
final class EventFilterSql {

    private static final String ID_LABEL = "'" + Resource.ID + "'";
    private static final String ROLE_LABEL = "'" + Resource.ROLE + "'";
    private static final String SEARCHABLE =
            "(e.event || ' ' || e.resource::text || ' ' || e.related::text || ' ' || e.payload::text)";

    private EventFilterSql() {
    }

    /** Events of {@code workspace} matching {@code filter}: {@code FROM ... WHERE ...}, as a row source. */
    static String source(UUID workspace, EventFilter filter, SqlParams params) {
        String where = where(workspace, filter, params);
        if (filter.resource() != null && filter.resource().isDistinct()) {
            return "(SELECT DISTINCT ON (e.resource_id) e.* FROM ingest.events e WHERE " + where
                    + " ORDER BY e.resource_id, e.occurred DESC, e.id DESC) e";
        }
        return "ingest.events e WHERE " + where;
    }

    static String where(UUID workspace, EventFilter filter, SqlParams params) {
        List<String> all = new ArrayList<>();
        all.add("e.workspace_id = " + params.add(workspace));
        if (filter.occurred() != null) {
            if (filter.occurred().since() != null) {
                all.add("e.occurred >= " + params.add(filter.occurred().since()));
            }
            if (filter.occurred().until() != null) {
                all.add("e.occurred <= " + params.add(filter.occurred().until()));
            }
        }
        if (filter.event() != null) {
            name(filter.event(), params, all);
        }
        if (filter.resource() != null) {
            resource(filter.resource(), params, all);
        }
        for (EventFilter.Related related : filter.related()) {
            all.add(related(related, params));
        }
        for (EventFilter.AnyResource any : filter.anyResource()) {
            all.add(anyResource(any, params));
        }
        if (filter.id() != null && filter.id().id() != null) {
            all.add("e.id = ANY(" + params.add(filter.id().id().toArray(UUID[]::new)) + "::uuid[])");
        }
        if (filter.text() != null && filter.text().query() != null) {
            text(TextQuery.parse(filter.text().query()), params, all);
        }
        return String.join(" AND ", all);
    }

    private static void name(EventFilter.Name name, SqlParams params, List<String> all) {
        if (name.prefix() != null) {
            all.add("e.event LIKE ANY(" + params.addTexts(likePrefixes(name.prefix())) + ")");
        }
        if (name.excludePrefix() != null && !name.excludePrefix().isEmpty()) {
            all.add("NOT (e.event LIKE ANY(" + params.addTexts(likePrefixes(name.excludePrefix())) + "))");
        }
        if (name.name() != null) {
            all.add("e.event = ANY(" + params.addTexts(name.name()) + ")");
        }
        if (name.excludeName() != null && !name.excludeName().isEmpty()) {
            all.add("NOT (e.event = ANY(" + params.addTexts(name.excludeName()) + "))");
        }
    }

    private static void resource(EventFilter.ResourceCriteria resource, SqlParams params, List<String> all) {
        if (resource.id() != null) {
            all.add("e.resource_id = ANY(" + params.addTexts(resource.id()) + ")");
        }
        if (resource.idPrefix() != null) {
            all.add("e.resource_id LIKE ANY(" + params.addTexts(likePrefixes(resource.idPrefix())) + ")");
        }
        if (resource.labels() != null && !resource.labels().isEmpty()) {
            all.add(LabelSql.primaryCondition(resource.labels(), params));
        }
    }

    private static String related(EventFilter.Related related, SqlParams params) {
        List<String> element = new ArrayList<>();
        if (related.id() != null) {
            element.add("(r.v ->> " + ID_LABEL + ") = ANY(" + params.addTexts(related.id()) + ")");
        }
        if (related.role() != null) {
            element.add("(r.v ->> " + ROLE_LABEL + ") = ANY(" + params.addTexts(related.role()) + ")");
        }
        if (related.resourcesInRoles() != null) {
            List<String> pairs = new ArrayList<>();
            for (List<String> pair : related.resourcesInRoles()) {
                pairs.add("((r.v ->> " + ID_LABEL + ") = " + params.add(pair.get(0))
                        + " AND (r.v ->> " + ROLE_LABEL + ") = " + params.add(pair.get(1)) + ")");
            }
            element.add(pairs.isEmpty() ? "FALSE" : "(" + String.join(" OR ", pairs) + ")");
        }
        if (related.labels() != null && !related.labels().isEmpty()) {
            element.add(LabelSql.condition(related.labels(), "r.v", params));
        }
        return "EXISTS (SELECT 1 FROM jsonb_array_elements(e.related) AS r(v) WHERE "
                + (element.isEmpty() ? "TRUE" : String.join(" AND ", element)) + ")";
    }

    private static String anyResource(EventFilter.AnyResource any, SqlParams params) {
        return "(" + resourceMatches(any, "e.resource", params) + " OR EXISTS (SELECT 1 FROM "
                + "jsonb_array_elements(e.related) AS r(v) WHERE " + resourceMatches(any, "r.v", params) + "))";
    }

    private static String resourceMatches(EventFilter.AnyResource any, String jsonb, SqlParams params) {
        List<String> parts = new ArrayList<>();
        String id = "(" + jsonb + " ->> " + ID_LABEL + ")";
        if (any.id() != null) {
            parts.add(id + " = ANY(" + params.addTexts(any.id()) + ")");
        }
        if (any.idPrefix() != null) {
            parts.add(id + " LIKE ANY(" + params.addTexts(likePrefixes(any.idPrefix())) + ")");
        }
        if (any.labels() != null && !any.labels().isEmpty()) {
            parts.add(LabelSql.condition(any.labels(), jsonb, params));
        }
        return parts.isEmpty() ? "TRUE" : "(" + String.join(" AND ", parts) + ")";
    }

    private static void text(TextQuery query, SqlParams params, List<String> all) {
        for (String term : query.exclude()) {
            all.add("NOT (" + SEARCHABLE + " ILIKE " + params.add(contains(term)) + ")");
        }
        if (!query.include().isEmpty()) {
            all.add(SEARCHABLE + " ILIKE ANY(" + params.addTexts(query.include().stream()
                    .map(EventFilterSql::contains).toList()) + ")");
        }
    }

    private static String contains(String term) {
        String prefix = SqlParams.likePrefix(term);
        return "%" + prefix;
    }

    private static List<String> likePrefixes(List<String> prefixes) {
        return prefixes.stream().map(SqlParams::likePrefix).toList();
    }
}
