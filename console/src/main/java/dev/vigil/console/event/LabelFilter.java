package dev.vigil.console.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter bar's resource labels: {@code key=value} pairs separated by commas or new lines, e.g.
 * {@code prefect.resource.name=nightly, env=prod*}. A key given twice matches either value; a value may end
 * in {@code *} (a prefix) or start with {@code !} (not), as in Prefect's resource specifications. Parts that
 * are not a {@code key=value} pair are reported, not dropped silently.
 */
public record LabelFilter(Map<String, List<String>> labels, List<String> problems) {

    /** Bounds of what the filter bar accepts (the API bounds the filter too; this keeps the page's own work small). */
    static final int MAX_LABELS = 20;
    static final int MAX_LENGTH = 2000;

    public static LabelFilter parse(String text) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new LabelFilter(labels, problems);
        }
        if (text.length() > MAX_LENGTH) {
            problems.add("at most " + MAX_LENGTH + " characters of labels");
            return new LabelFilter(labels, problems);
        }
        for (String part : text.split("[,\\n]")) {
            String pair = part.trim();
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? "" : pair.substring(0, equals).trim();
            String value = equals < 0 ? "" : pair.substring(equals + 1).trim();
            if (key.isEmpty() || value.isEmpty()) {
                problems.add("'" + pair + "' is not a label=value pair");
                continue;
            }
            if (!labels.containsKey(key) && labels.size() >= MAX_LABELS) {
                problems.add("at most " + MAX_LABELS + " labels");
                break;
            }
            labels.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return new LabelFilter(labels, problems);
    }

    public boolean isEmpty() {
        return labels.isEmpty();
    }

    /** The labels as ingest's {@code resource.labels}: a string for one value, a list for several. */
    public ObjectNode toJson() {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        labels.forEach((key, values) -> {
            if (values.size() == 1) {
                spec.put(key, values.get(0));
            } else {
                ArrayNode list = spec.putArray(key);
                values.forEach(list::add);
            }
        });
        return spec;
    }

    /** The labels as the filter bar shows them again. */
    public String text() {
        List<String> pairs = new ArrayList<>();
        labels.forEach((key, values) -> values.forEach(value -> pairs.add(key + "=" + value)));
        return String.join(", ", pairs);
    }
}
