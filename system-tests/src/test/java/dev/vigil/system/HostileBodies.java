package dev.vigil.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Malformed and hostile variants of a valid JSON document: broken syntax, wrong types, huge strings,
 * deep nesting, invalid UTF-8, template injection, absurd durations and unknown {@code type} tags.
 * Deterministic for a given {@link Random}.
 */
final class HostileBodies {

    enum Kind {
        BROKEN_JSON, WRONG_TYPE, HUGE_STRING, DEEP_NESTING, INVALID_UTF8, TEMPLATE_INJECTION, ABSURD_NUMBER,
        UNKNOWN_TYPE_TAG, NOT_A_DOCUMENT
    }

    /** Jinja that, if it ever executed outside the sandbox or without caps, would escape or run away. */
    static final List<String> INJECTIONS = List.of(
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            "{{ event.getClass().forName('java.lang.Runtime').getRuntime().exec('touch /tmp/vigil-pwned') }}",
            "{{ event.class.classLoader }}",
            "{% for i in range(1000000000) %}x{% endfor %}",
            "{% for a in range(100) %}{% for b in range(100) %}{% for c in range(100) %}x{% endfor %}{% endfor %}{% endfor %}",
            "{{ 'x' * 1000000000 }}",
            "{{ 9 ** 9 ** 9 }}",
            "{% include '/etc/passwd' %}",
            "{% import 'os' as os %}{{ os.system('id') }}",
            "{{ config }}{{ self }}{{ request }}",
            "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
            "{{ event.resource.id",
            "{% if %}",
            "${T(java.lang.Runtime).getRuntime().exec('id')}",
            "{inject:}{#for x in 1..99999999}x{/for}");

    private static final List<String> ABSURD_NUMBERS = List.of(
            "-1", "-86400", "1e308", "-1e308", "99999999999999999999999", "9223372036854775808", "NaN", "Infinity",
            "0.0000001", "\"PT1H\"", "\"forever\"", "true");

    private static final int MAX_DEPTH = 100_000;
    private static final int MIN_DEPTH = 1_000;
    private static final int MAX_HUGE = 3 * 1024 * 1024;
    private static final int MIN_HUGE = 2_000;

    private final ObjectMapper json = new ObjectMapper();
    private final Random random;

    HostileBodies(Random random) {
        this.random = random;
    }

    byte[] make(Kind kind, JsonNode valid, List<String> typeFieldPaths) {
        return switch (kind) {
            case BROKEN_JSON -> broken(text(valid));
            case WRONG_TYPE -> bytes(replaceRandomNode(valid, wrongTypedValue()));
            case HUGE_STRING -> bytes(replaceRandomNode(valid, JsonNodeFactory.instance.textNode(huge())));
            case DEEP_NESTING -> deeplyNested();
            case INVALID_UTF8 -> invalidUtf8(text(valid));
            case TEMPLATE_INJECTION -> bytes(replaceRandomString(valid, pick(INJECTIONS)));
            case ABSURD_NUMBER -> absurdNumber(valid);
            case UNKNOWN_TYPE_TAG -> bytes(replaceAt(valid, pick(typeFieldPaths),
                    JsonNodeFactory.instance.textNode("quantum-" + random.nextInt(1000))));
            case NOT_A_DOCUMENT -> pick(List.of("", "null", "[]", "{}", "\"text\"", "42", "[[]]", "[null]", "{\"\":{}}",
                    "\u0000", " ", "[1,2,3]")).getBytes(StandardCharsets.UTF_8);
        };
    }

    Kind randomKind() {
        Kind[] kinds = Kind.values();
        return kinds[random.nextInt(kinds.length)];
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private byte[] broken(String valid) {
        int cut = 1 + random.nextInt(Math.max(1, valid.length() - 1));
        String junk = pick(List.of("", "}", "]]", ",", "\"", ":::", "{\"a\":", "\\u12", "'single'", "//c"));
        return (valid.substring(0, cut) + junk).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] deeplyNested() {
        int depth = logUniform(MIN_DEPTH, MAX_DEPTH);
        boolean arrays = random.nextBoolean();
        StringBuilder out = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            out.append(arrays ? "[" : "{\"a\":");
        }
        out.append("1");
        for (int i = 0; i < depth; i++) {
            out.append(arrays ? "]" : "}");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidUtf8(String valid) {
        byte[] text = valid.getBytes(StandardCharsets.UTF_8);
        byte[][] badSequences = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80}};
        byte[] bad = badSequences[random.nextInt(badSequences.length)];
        int at = quotedPosition(valid);
        byte[] out = new byte[text.length + bad.length];
        System.arraycopy(text, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(text, at, out, at + bad.length, text.length - at);
        return out;
    }

    /** Inside a string literal when there is one, so the parser meets the bytes where text is expected. */
    private int quotedPosition(String valid) {
        int quote = valid.indexOf('"', random.nextInt(Math.max(1, valid.length() / 2)));
        return quote < 0 ? valid.length() / 2 : valid.getBytes(StandardCharsets.UTF_8).length
                - valid.substring(quote + 1).getBytes(StandardCharsets.UTF_8).length;
    }

    private byte[] absurdNumber(JsonNode valid) {
        String marker = "\"__vigil_absurd__\"";
        JsonNode marked = replaceRandomNode(valid, JsonNodeFactory.instance.textNode("__vigil_absurd__"));
        return text(marked).replace(marker, pick(ABSURD_NUMBERS)).getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode wrongTypedValue() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(6)) {
            case 0 -> nodes.numberNode(random.nextLong());
            case 1 -> nodes.textNode("not-" + random.nextInt(100));
            case 2 -> nodes.booleanNode(random.nextBoolean());
            case 3 -> nodes.nullNode();
            case 4 -> nodes.arrayNode().add(1).add("two").addNull();
            default -> nodes.objectNode().put("unexpected", true);
        };
    }

    private String huge() {
        int length = logUniform(MIN_HUGE, MAX_HUGE);
        return String.valueOf((char) ('a' + random.nextInt(26))).repeat(length);
    }

    /** Sizes spread over orders of magnitude, so most are cheap to send and some pass every limit. */
    private int logUniform(int min, int max) {
        double exponent = Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min));
        return (int) Math.exp(exponent);
    }

    /** A copy of {@code valid} with one node (not the root) replaced. */
    private JsonNode replaceRandomNode(JsonNode valid, JsonNode replacement) {
        List<String> paths = new ArrayList<>();
        collectPaths(valid, "", paths, false);
        return paths.isEmpty() ? replacement : replaceAt(valid, pick(paths), replacement);
    }

    private JsonNode replaceRandomString(JsonNode valid, String value) {
        List<String> paths = new ArrayList<>();
        collectPaths(valid, "", paths, true);
        JsonNode text = JsonNodeFactory.instance.textNode(value);
        return paths.isEmpty() ? text : replaceAt(valid, pick(paths), text);
    }

    /** Paths like {@code /0/resource/prefect.resource.id} (segments split on '/'); keys here hold no '/'. */
    private static void collectPaths(JsonNode node, String path, List<String> out, boolean stringsOnly) {
        if (!path.isEmpty() && (!stringsOnly || node.isTextual())) {
            out.add(path);
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                collectPaths(field.getValue(), path + "/" + field.getKey(), out, stringsOnly);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPaths(node.get(i), path + "/" + i, out, stringsOnly);
            }
        }
    }

    private static JsonNode replaceAt(JsonNode valid, String path, JsonNode replacement) {
        JsonNode copy = valid.deepCopy();
        String[] segments = path.substring(1).split("/");
        JsonNode parent = copy;
        for (int i = 0; i < segments.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(segments[i])) : parent.get(segments[i]);
        }
        String last = segments[segments.length - 1];
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), replacement);
        } else if (parent instanceof ObjectNode object) {
            object.set(last, replacement);
        }
        return copy;
    }

    private String text(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytes(JsonNode node) {
        return text(node).getBytes(StandardCharsets.UTF_8);
    }
}
