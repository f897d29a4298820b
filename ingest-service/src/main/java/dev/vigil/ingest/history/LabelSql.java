package dev.vigil.ingest.history;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.event.LabelPattern;
import dev.vigil.model.event.Resource;
import dev.vigil.model.event.ResourceSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Translates a {@link ResourceSpecification} to SQL over a jsonb resource, with the same meaning as
 * {@link ResourceSpecification#matches}: each label must be present, match a positive pattern (when
 * there is one) and no negated one. Globs become anchored POSIX regular expressions.
 * <p>
 * Over the event's primary resource ({@link #primaryCondition}), a label whose positive patterns are all literal
 * values is tested by containment ({@code e.resource @> '{"label": "value"}'}, one per value, OR-ed), which the GIN
 * index {@code events_resource_labels} answers and the planner can combine with the other criteria's indexes; for
 * {@code prefect.resource.id} by the {@code resource_id} column. Containment selects the same events: resource labels
 * are always stored as JSON strings (a resource is a map of string labels), and a string label equals a value exactly
 * when the resource contains that label with that value. Negated patterns are always tested on the value. A filter of
 * nothing but a time window and literal labels is not asked here: the label rows answer it ({@link EventLabelSql}).
 */
final class LabelSql {

    private static final String REGEX_SPECIALS = ".^$|()[]{}*+?\\";
    private static final String PRIMARY_RESOURCE = "e.resource";

    private LabelSql() {
    }

    /** The condition over the jsonb resource {@code jsonb} (a related resource, say), each label by its value. */
    static String condition(ResourceSpecification labels, String jsonb, SqlParams params) {
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, Object> entry : labels.asMap().entrySet()) {
            all.add(byValue(entry.getKey(), patterns(entry.getValue()), jsonb, params));
        }
        return all.isEmpty() ? "TRUE" : "(" + String.join(" AND ", all) + ")";
    }

    /** The condition over the event's primary resource, {@code e.resource}, with literal values by containment. */
    static String primaryCondition(ResourceSpecification labels, SqlParams params) {
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, Object> entry : labels.asMap().entrySet()) {
            String label = entry.getKey();
            List<String> sources = patterns(entry.getValue());
            if (Resource.ID.equals(label) && literalPositives(sources)) {
                all.add(byLiterals(label, sources, params,
                        values -> "e.resource_id = ANY(" + params.addTexts(values) + ")"));
            } else if (literalPositives(sources)) {
                all.add(byLiterals(label, sources, params, values -> byContainment(label, values, params)));
            } else {
                all.add(byValue(label, sources, PRIMARY_RESOURCE, params));
            }
        }
        return all.isEmpty() ? "TRUE" : "(" + String.join(" AND ", all) + ")";
    }

    /** One label: present, one of the positive patterns (if any), none of the negated ones; by its text value. */
    private static String byValue(String label, List<String> sources, String jsonb, SqlParams params) {
        String value = "(" + jsonb + " ->> " + params.add(label) + ")";
        List<String> positives = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        parts.add(value + " IS NOT NULL");
        for (String source : sources) {
            LabelPattern pattern = LabelPattern.compile(source);
            String test = test(value, glob(pattern, source), params);
            if (pattern.negated()) {
                parts.add("NOT (" + test + ")");
            } else {
                positives.add(test);
            }
        }
        if (!positives.isEmpty()) {
            parts.add("(" + String.join(" OR ", positives) + ")");
        }
        return String.join(" AND ", parts);
    }

    /**
     * One label whose positive patterns are all literal: {@code anyOf} the positive values (which also says the label
     * is present), and its value matches none of the negated patterns.
     */
    private static String byLiterals(String label, List<String> sources, SqlParams params,
            Function<List<String>, String> anyOf) {
        List<String> values = new ArrayList<>();
        List<String> negated = new ArrayList<>();
        for (String source : sources) {
            (LabelPattern.compile(source).negated() ? negated : values).add(source);
        }
        List<String> parts = new ArrayList<>();
        parts.add("(" + anyOf.apply(values) + ")");
        if (!negated.isEmpty()) {
            String value = "(" + PRIMARY_RESOURCE + " ->> " + params.add(label) + ")";
            for (String source : negated) {
                parts.add("NOT (" + test(value, source.substring(1), params) + ")");
            }
        }
        return String.join(" AND ", parts);
    }

    /** The primary resource contains the label with one of the values. */
    private static String byContainment(String label, List<String> values, SqlParams params) {
        List<String> contains = new ArrayList<>();
        for (String value : values) {
            ObjectNode pair = JsonNodeFactory.instance.objectNode().put(label, value);
            contains.add(PRIMARY_RESOURCE + " @> " + params.add(pair.toString()) + "::text::jsonb");
        }
        return String.join(" OR ", contains);
    }

    /** Whether there is a positive pattern and every positive pattern is a literal value (no glob characters). */
    static boolean literalPositives(List<String> sources) {
        boolean any = false;
        for (String source : sources) {
            LabelPattern pattern = LabelPattern.compile(source);
            if (!pattern.negated()) {
                if (!isLiteral(source)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static String glob(LabelPattern pattern, String source) {
        return pattern.negated() ? source.substring(1) : source;
    }

    private static String test(String value, String glob, SqlParams params) {
        return isLiteral(glob) ? value + " = " + params.add(glob) : value + " ~ " + params.add(regex(glob));
    }

    static List<String> patterns(Object value) {
        if (value instanceof String single) {
            return List.of(single);
        }
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    static boolean isLiteral(String glob) {
        return glob.indexOf('*') < 0 && glob.indexOf('?') < 0 && glob.indexOf('[') < 0;
    }

    /** An anchored regular expression matching exactly what {@code dev.vigil.model.event.Glob} matches. */
    static String regex(String glob) {
        StringBuilder out = new StringBuilder("^");
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                out.append(".*");
            } else if (c == '?') {
                out.append('.');
            } else if (c == '[' && classEnd(glob, i) > 0) {
                int end = classEnd(glob, i);
                int from = i + 1;
                out.append('[');
                if (glob.charAt(from) == '!') {
                    out.append('^');
                    from++;
                } else if (glob.charAt(from) == '^') {
                    out.append("\\^");
                    from++;
                }
                for (int k = from; k < end; k++) {
                    char inClass = glob.charAt(k);
                    out.append(inClass == '\\' ? "\\\\" : String.valueOf(inClass));
                }
                out.append(']');
                i = end;
            } else if (REGEX_SPECIALS.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
            i++;
        }
        return out.append('$').toString();
    }

    private static int classEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && pattern.charAt(i) == '!') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length() && pattern.charAt(i) != ']') {
            i++;
        }
        return i < pattern.length() ? i : -1;
    }
}
