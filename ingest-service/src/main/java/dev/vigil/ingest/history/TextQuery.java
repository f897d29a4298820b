package dev.vigil.ingest.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A parsed text search: terms any of which must appear, and terms none of which may. Case-insensitive. */
record TextQuery(List<String> include, List<String> exclude) {

    static TextQuery parse(String query) {
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        int i = 0;
        String text = query == null ? "" : query;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = c == '-';
            int start = negated ? i + 1 : i;
            String term;
            if (start < text.length() && text.charAt(start) == '"') {
                int close = text.indexOf('"', start + 1);
                int end = close < 0 ? text.length() : close;
                term = text.substring(start + 1, end);
                i = close < 0 ? text.length() : close + 1;
            } else {
                int end = start;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                term = text.substring(start, end);
                i = end;
            }
            if (!term.isBlank()) {
                (negated ? exclude : include).add(term.toLowerCase(Locale.ROOT));
            }
        }
        return new TextQuery(List.copyOf(include), List.copyOf(exclude));
    }

    boolean matches(String haystack) {
        String lower = haystack.toLowerCase(Locale.ROOT);
        for (String term : exclude) {
            if (lower.contains(term)) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (String term : include) {
            if (lower.contains(term)) {
                return true;
            }
        }
        return false;
    }
}
