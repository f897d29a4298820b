package dev.vigil.ingest.history;

import dev.vigil.model.event.LabelPattern;
import dev.vigil.model.event.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQL over {@code ingest.event_labels} (V6): a row per label of each event's primary resource, keyed
 * {@code (workspace_id, label, value, occurred, event_id)}. A filter of nothing but a time window and literal labels
 * (the console's events page with a label) is answered from these rows alone, by index-only scans: its count, its
 * time buckets, and the ids of a page. An event has a row for a label and a value exactly when its resource has that
 * label as a string with that value, both at most {@code maxLength} characters long and the label not
 * {@code prefect.resource.id}, so only such literals are asked here ({@link #indexed}); other filters are tested on
 * the events ({@link LabelSql}).
 */
final class EventLabelSql {

    private EventLabelSql() {
    }

    /** Whether the label rows hold this label's positive patterns: at least one, all literal and within the cap. */
    static boolean indexed(String label, List<String> sources, int maxLength) {
        if (Resource.ID.equals(label) || tooLong(label, maxLength)) {
            return false;
        }
        boolean any = false;
        for (String source : sources) {
            if (!LabelPattern.compile(source).negated()) {
                if (!LabelSql.isLiteral(source) || tooLong(source, maxLength)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /**
     * Whether the filter is only a time window and literal labels of the primary resource (the console's events page
     * with a label): then its events are exactly the label rows of {@link #rows}, counted without reading an event.
     */
    static boolean answersAlone(EventFilter filter, int maxLength) {
        EventFilter.ResourceCriteria resource = filter.resource();
        if (filter.event() != null && !isEmpty(filter.event()) || !filter.related().isEmpty()
                || !filter.anyResource().isEmpty() || filter.id() != null && filter.id().id() != null
                || filter.text() != null && filter.text().query() != null
                || resource == null || resource.id() != null || resource.idPrefix() != null || resource.isDistinct()
                || resource.labels() == null || resource.labels().isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : resource.labels().asMap().entrySet()) {
            List<String> sources = LabelSql.patterns(entry.getValue());
            if (!indexed(entry.getKey(), sources, maxLength)
                    || sources.stream().anyMatch(source -> LabelPattern.compile(source).negated())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The label rows of the events a filter that {@link #answersAlone} selects, one per event, as {@code FROM ...
     * WHERE ...} with the alias {@code e} (columns {@code occurred} and {@code event_id}): the rows of the first label,
     * each with a row of every other label for the same event (a lookup by the key). Index-only scans. A label with
     * one value goes first when there is one: its rows come in time order, so a page of the newest needs no sort.
     */
    static String rows(UUID workspace, EventFilter filter, SqlParams params) {
        List<Map.Entry<String, List<String>>> labels = new ArrayList<>();
        filter.resource().labels().asMap().forEach((label, value) ->
                labels.add(Map.entry(label, LabelSql.patterns(value).stream().distinct().toList())));
        labels.sort(Comparator.comparingInt(label -> label.getValue().size() == 1 ? 0 : 1));
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, List<String>> label : labels) {
            if (all.isEmpty()) {
                all.add(firstLabel(workspace, filter.occurred(), label.getKey(), label.getValue(), params));
            } else {
                all.add("EXISTS (SELECT 1 FROM ingest.event_labels y WHERE y.workspace_id = e.workspace_id"
                        + " AND y.label = " + params.add(label.getKey())
                        + " AND " + valueIn("y", label.getValue(), params)
                        + " AND y.occurred = e.occurred AND y.event_id = e.event_id)");
            }
        }
        return "ingest.event_labels e WHERE " + String.join(" AND ", all);
    }

    private static String firstLabel(UUID workspace, EventFilter.Occurred window, String label, List<String> values,
            SqlParams params) {
        List<String> parts = new ArrayList<>();
        parts.add("e.workspace_id = " + params.add(workspace));
        parts.add("e.label = " + params.add(label));
        parts.add(valueIn("e", values, params));
        if (window != null && window.since() != null) {
            parts.add("e.occurred >= " + params.add(window.since()));
        }
        if (window != null && window.until() != null) {
            parts.add("e.occurred <= " + params.add(window.until()));
        }
        return String.join(" AND ", parts);
    }

    /**
     * One value is an equality: then the rows of a label come in the key's order, {@code (occurred, event_id)}, and a
     * page of the newest needs no sort of the whole range (PostgreSQL 15 does not keep that order for {@code ANY}).
     */
    private static String valueIn(String alias, List<String> values, SqlParams params) {
        List<String> distinct = values.stream().distinct().toList();
        return distinct.size() == 1 ? alias + ".value = " + params.add(distinct.get(0))
                : alias + ".value = ANY(" + params.addTexts(distinct) + ")";
    }

    private static boolean isEmpty(EventFilter.Name name) {
        return name.prefix() == null && name.excludePrefix() == null && name.name() == null
                && name.excludeName() == null;
    }

    /** Longer than the cap in characters (code points, as PostgreSQL's {@code length} counts them). */
    private static boolean tooLong(String text, int maxLength) {
        return text.codePointCount(0, text.length()) > maxLength;
    }
}
