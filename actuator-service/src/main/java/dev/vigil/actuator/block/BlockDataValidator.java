package dev.vigil.actuator.block;

import dev.vigil.actuator.egress.EgressPolicy;
import dev.vigil.actuator.egress.OutgoingHeaders;
import dev.vigil.support.error.FieldProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a block's data against its type: required and unknown fields, each field's JSON type and
 * choices, URLs, HTTP methods, headers, phone numbers and email addresses.
 */
final class BlockDataValidator {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** E.164, as Twilio requires. */
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9]\\d{1,14}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private BlockDataValidator() {
    }

    /** The URL fields an action calls; each is held to the egress policy. */
    private static final List<String> CALLED_URLS = List.of("url");

    static List<FieldProblem> problems(BlockType type, Map<String, Object> data, EgressPolicy egress) {
        List<FieldProblem> problems = new ArrayList<>();
        for (BlockField field : type.fields()) {
            Object value = data.get(field.name());
            if (value == null) {
                if (field.required()) {
                    problems.add(problem("Field required", "missing", field.name()));
                }
                continue;
            }
            checkType(field, value, problems);
        }
        for (String name : data.keySet()) {
            if (type.field(name).isEmpty()) {
                problems.add(problem("Unknown field for block type '" + type.slug() + "'", "extra_forbidden", name));
            }
        }
        if (problems.isEmpty()) {
            checkValues(data, problems);
        }
        if (problems.isEmpty()) {
            checkEgress(data, egress, problems);
        }
        return problems;
    }

    private static void checkType(BlockField field, Object value, List<FieldProblem> problems) {
        switch (field.type()) {
            case "string" -> {
                if (!(value instanceof String text)) {
                    problems.add(problem("Must be a string", "string_type", field.name()));
                } else if (!field.choices().isEmpty() && !field.choices().contains(text)) {
                    problems.add(problem("Must be one of " + field.choices(), "enum", field.name()));
                }
            }
            case "array" -> {
                if (!(value instanceof List<?> list) || list.isEmpty()
                        || !list.stream().allMatch(v -> v instanceof String)) {
                    problems.add(problem("Must be a non-empty list of strings", "list_type", field.name()));
                }
            }
            case "object" -> {
                if (!(value instanceof Map<?, ?>)) {
                    problems.add(problem("Must be an object", "dict_type", field.name()));
                }
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    problems.add(problem("Must be a boolean", "bool_type", field.name()));
                }
            }
            case "number" -> {
                if (!(value instanceof Number)) {
                    problems.add(problem("Must be a number", "float_type", field.name()));
                }
            }
            default -> throw new IllegalStateException("unknown block field type " + field.type());
        }
    }

    private static void checkValues(Map<String, Object> data, List<FieldProblem> problems) {
        for (String urlField : List.of("url", "clickable_url")) {
            Object url = data.get(urlField);
            if (url != null && !isHttpUrl(url)) {
                problems.add(problem("Must be an absolute http(s) URL", "url_parsing", urlField));
            }
        }
        Object method = data.get("method");
        if (method instanceof String m && !METHODS.contains(m.toUpperCase())) {
            problems.add(problem("Must be one of " + METHODS, "enum", "method"));
        }
        if (data.get("headers") instanceof Map<?, ?> headers) {
            if (!headers.values().stream().allMatch(v -> v instanceof String)) {
                problems.add(problem("Must be an object of string values", "dict_type", "headers"));
            } else {
                checkHeaders(headers, problems);
            }
        }
        eachString(data, "from_phone_number", PHONE, "Must be an E.164 phone number such as +15551234567", problems);
        eachString(data, "to_phone_numbers", PHONE, "Must be E.164 phone numbers such as +15551234567", problems);
        eachString(data, "email_addresses", EMAIL, "Must be email addresses", problems);
    }

    /**
     * A bad header is named in the problem's location when its name is a token (so printable and harmless);
     * a value is never shown (it may be a secret).
     */
    private static void checkHeaders(Map<?, ?> headers, List<FieldProblem> problems) {
        headers.forEach((key, value) -> {
            String name = String.valueOf(key);
            Object[] loc = OutgoingHeaders.isToken(name) ? new Object[] {"data", "headers", name}
                    : new Object[] {"data", "headers"};
            OutgoingHeaders.nameProblem(name).or(() -> OutgoingHeaders.valueProblem((String) value))
                    .ifPresent(msg -> problems.add(FieldProblem.body(msg, "value_error", loc)));
        });
    }

    private static void checkEgress(Map<String, Object> data, EgressPolicy egress, List<FieldProblem> problems) {
        for (String field : CALLED_URLS) {
            if (data.get(field) instanceof String url) {
                egress.literalRefusal(url).ifPresent(msg -> problems.add(problem(msg, "value_error", field)));
            }
        }
    }

    private static void eachString(Map<String, Object> data, String field, Pattern pattern, String msg,
                                   List<FieldProblem> problems) {
        Object value = data.get(field);
        List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        if (values.stream().anyMatch(v -> !(v instanceof String s) || !pattern.matcher(s).matches())) {
            problems.add(problem(msg, "value_error", field));
        }
    }

    private static FieldProblem problem(String msg, String type, String field) {
        return FieldProblem.body(msg, type, "data", field);
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
