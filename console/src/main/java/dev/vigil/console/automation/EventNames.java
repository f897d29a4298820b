package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The event-history filter for a trigger's {@code expect} patterns: exact names as {@code event.name};
 * when any pattern ends in {@code *}, every pattern as a prefix (ingest ANDs {@code name} with
 * {@code prefix}, so they cannot be mixed). No patterns: every event.
 */
final class EventNames {

    private static final String WILDCARD = "*";

    private EventNames() {
    }

    static ObjectNode filter(List<String> patterns) {
        ObjectNode filter = JsonNodeFactory.instance.objectNode();
        if (patterns.isEmpty()) {
            return filter;
        }
        boolean anyWildcard = patterns.stream().anyMatch(p -> p.endsWith(WILDCARD));
        ArrayNode values = filter.putObject("event").putArray(anyWildcard ? "prefix" : "name");
        for (String pattern : patterns) {
            values.add(pattern.endsWith(WILDCARD) ? pattern.substring(0, pattern.length() - 1) : pattern);
        }
        return filter;
    }
}
