package dev.vigil.ingest.history;

import dev.vigil.model.event.LabelPattern;
import dev.vigil.model.event.ResourceSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates a {@link ResourceSpecification} to SQL over a jsonb resource, with the same meaning as
 * {@link ResourceSpecification#matches}: each label must be present, match a positive pattern (when
 * there is one) and no negated one. Globs become anchored POSIX regular expressions.
 */
final class LabelSql {

    private static final String REGEX_SPECIALS = ".^$|()[]{}*+?\\";

    private LabelSql() {
    }

    static String condition(ResourceSpecification labels, String jsonb, SqlParams params) {
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, Object> entry : labels.asMap().entrySet()) {
            String value = "(" + jsonb + " ->> " + params.add(entry.getKey()) + ")";
            List<String> positives = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            parts.add(value + " IS NOT NULL");
            for (String source : patterns(entry.getValue())) {
                LabelPattern pattern = LabelPattern.compile(source);
                String glob = pattern.negated() ? source.substring(1) : source;
                String test = isLiteral(glob) ? value + " = " + params.add(glob)
                        : value + " ~ " + params.add(regex(glob));
                if (pattern.negated()) {
                    parts.add("NOT (" + test + ")");
                } else {
                    positives.add(test);
                }
            }
            if (!positives.isEmpty()) {
                parts.add("(" + String.join(" OR ", positives) + ")");
            }
            all.add(String.join(" AND ", parts));
        }
        return all.isEmpty() ? "TRUE" : "(" + String.join(" AND ", all) + ")";
    }

    private static List<String> patterns(Object value) {
        if (value instanceof String single) {
            return List.of(single);
        }
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static boolean isLiteral(String glob) {
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
