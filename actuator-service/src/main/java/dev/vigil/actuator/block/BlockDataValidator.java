package dev.vigil.actuator.block;

import dev.vigil.support.error.FieldProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a block's data against its type: required and unknown fields, and the webhook's URL, method and headers. */
final class BlockDataValidator {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private BlockDataValidator() {
    }

    static List<FieldProblem> problems(BlockType type, Map<String, Object> data) {
        List<FieldProblem> problems = new ArrayList<>();
        for (BlockField field : type.fields()) {
            if (field.required() && data.get(field.name()) == null) {
                problems.add(FieldProblem.body("Field required", "missing", "data", field.name()));
            }
        }
        for (String name : data.keySet()) {
            if (type.field(name).isEmpty()) {
                problems.add(FieldProblem.body("Unknown field for block type '" + type.slug() + "'",
                        "extra_forbidden", "data", name));
            }
        }
        if (BlockTypeCatalog.WEBHOOK.equals(type.slug())) {
            checkWebhook(data, problems);
        }
        return problems;
    }

    private static void checkWebhook(Map<String, Object> data, List<FieldProblem> problems) {
        Object url = data.get("url");
        if (url != null && !isHttpUrl(url)) {
            problems.add(FieldProblem.body("Must be an absolute http(s) URL", "url_parsing", "data", "url"));
        }
        Object method = data.get("method");
        if (method != null && !(method instanceof String m && METHODS.contains(m.toUpperCase()))) {
            problems.add(FieldProblem.body("Must be one of " + METHODS, "enum", "data", "method"));
        }
        Object headers = data.get("headers");
        if (headers != null && !(headers instanceof Map<?, ?> map
                && map.values().stream().allMatch(v -> v instanceof String))) {
            problems.add(FieldProblem.body("Must be an object of string values", "dict_type", "data", "headers"));
        }
        Object secret = data.get("secret");
        if (secret != null && !(secret instanceof String)) {
            problems.add(FieldProblem.body("Must be a string", "string_type", "data", "secret"));
        }
    }

    private static boolean isHttpUrl(Object value) {
        if (!(value instanceof String text)) {
            return false;
        }
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
