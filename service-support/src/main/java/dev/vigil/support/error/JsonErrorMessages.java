package dev.vigil.support.error;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's messages about a request body, reworded for the client in Pydantic's words ("Input should be a valid
 * string"): they never name a Java class, a Java type or a Jackson feature.
 */
public final class JsonErrorMessages {

    private static final Pattern TYPE_ID = Pattern.compile("^Could not resolve type id '([^']*)' as a subtype of "
            + "`[^`]+`: known type ids = \\[(.*?)]");
    private static final Pattern MISSING_TYPE_ID = Pattern.compile("missing type id property '([^']+)'");
    private static final Pattern ENUM = Pattern.compile("not one of the values accepted for Enum class: \\[(.*?)]");
    private static final Pattern COERCE = Pattern.compile("^Cannot coerce .*? to `([^`]+)`");
    private static final Pattern DESERIALIZE = Pattern.compile("^Cannot deserialize (?:value of type|instance of) "
            + "`([^`]+)`");
    private static final Pattern CONSTRUCT = Pattern.compile("^Cannot construct instance of `([^`]+)`(.*)$");
    private static final Pattern PROBLEM = Pattern.compile(", problem: (.*)$");
    private static final Pattern MISSING = Pattern.compile("^Missing required creator property '([^']+)'");
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized field \"([^\"]+)\"");
    /** A qualified Java name, with or without backticks, e.g. {@code `java.lang.String`} or (class a.b.C). */
    private static final Pattern QUALIFIED = Pattern.compile("`?\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:\\[])?`?");
    private static final Pattern CLASS_NOTE = Pattern.compile("\\s*\\((?:class|through reference chain)[^)]*\\)");
    private static final Pattern COERCION_NOTE = Pattern.compile("\\s*\\(but could if coercion was enabled[^)]*\\)");

    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("java.lang.String", "a valid string"),
            Map.entry("java.lang.Integer", "a valid integer"), Map.entry("int", "a valid integer"),
            Map.entry("java.lang.Long", "a valid integer"), Map.entry("long", "a valid integer"),
            Map.entry("java.lang.Short", "a valid integer"), Map.entry("java.math.BigInteger", "a valid integer"),
            Map.entry("java.lang.Double", "a valid number"), Map.entry("double", "a valid number"),
            Map.entry("java.lang.Float", "a valid number"), Map.entry("float", "a valid number"),
            Map.entry("java.math.BigDecimal", "a valid number"),
            Map.entry("java.lang.Boolean", "a valid boolean"), Map.entry("boolean", "a valid boolean"),
            Map.entry("java.util.UUID", "a valid UUID"),
            Map.entry("java.time.OffsetDateTime", "a valid datetime"), Map.entry("java.time.Instant", "a valid datetime"),
            Map.entry("java.time.Duration", "a valid duration"));
    private static final List<String> LISTS = List.of("java.util.List", "java.util.ArrayList", "java.util.Set",
            "java.util.Collection", "java.util.LinkedHashSet", "java.util.HashSet");
    private static final List<String> MAPS = List.of("java.util.Map", "java.util.LinkedHashMap", "java.util.HashMap");

    private JsonErrorMessages() {
    }

    /** The client's wording of one Jackson message (its first line). */
    public static String forClient(String jacksonMessage) {
        if (jacksonMessage == null || jacksonMessage.isBlank()) {
            return "Invalid value";
        }
        String message = jacksonMessage.lines().findFirst().orElse(jacksonMessage);
        Matcher m = TYPE_ID.matcher(message);
        if (m.find()) {
            return "Input tag '" + m.group(1) + "' does not match any of the expected tags: " + m.group(2);
        }
        m = MISSING_TYPE_ID.matcher(message);
        if (m.find()) {
            return "Unable to extract tag using discriminator '" + m.group(1) + "'";
        }
        m = ENUM.matcher(message);
        if (m.find()) {
            return "Input should be one of: " + m.group(1);
        }
        m = MISSING.matcher(message);
        if (m.find()) {
            return "Field required";
        }
        m = UNRECOGNIZED.matcher(message);
        if (m.find()) {
            return "Extra inputs are not permitted";
        }
        m = CONSTRUCT.matcher(message);
        if (m.find()) {
            Matcher problem = PROBLEM.matcher(m.group(2));
            return problem.find() ? scrub(problem.group(1)) : "Input should be " + kind(m.group(1));
        }
        m = COERCE.matcher(message);
        if (m.find()) {
            return "Input should be " + kind(m.group(1));
        }
        m = DESERIALIZE.matcher(message);
        if (m.find()) {
            return "Input should be " + kind(m.group(1));
        }
        return scrub(message);
    }

    private static String kind(String javaType) {
        String type = javaType.replaceAll("<.*", "");
        if (KINDS.containsKey(type)) {
            return KINDS.get(type);
        }
        if (LISTS.contains(type) || type.endsWith("[]")) {
            return "a valid list";
        }
        if (MAPS.contains(type)) {
            return "a valid dictionary";
        }
        return "a valid object";
    }

    /** Removes Java names and Jackson's notes from a message that has no better wording. */
    private static String scrub(String message) {
        String text = COERCION_NOTE.matcher(message).replaceAll("");
        text = CLASS_NOTE.matcher(text).replaceAll("");
        text = QUALIFIED.matcher(text).replaceAll("value");
        return text.isBlank() ? "Invalid value" : text.trim();
    }
}
