package dev.vigil.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON text byte for byte as Python's {@code json.dumps(value, indent=2)} does, which is how Prefect
 * turns a dict {@code payload} into the text a webhook receives (and signs): {@code ","} and {@code ": "}
 * separators (Python's defaults when an indent is given), two spaces per level, {@code {}} and {@code []}
 * for empty containers, and every character outside printable ASCII escaped as {@code \\uXXXX}
 * ({@code ensure_ascii}, UTF-16 surrogate pairs above the BMP). Floats are written as Python's {@code repr}.
 */
public final class PythonJson {

    private static final String INDENT = "  ";
    private static final char FIRST_PRINTABLE = ' ';
    private static final char LAST_PRINTABLE = '~';
    /** Python's repr switches to exponent notation below 1e-4 and from 1e16. */
    private static final int MIN_PLAIN_EXPONENT = -4;
    private static final int MAX_PLAIN_EXPONENT = 16;

    private PythonJson() {
    }

    /** {@code json.dumps(node, indent=2)}. */
    public static String dumps(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, 0, out);
        return out.toString();
    }

    private static void write(JsonNode node, int depth, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            writeObject(node, depth, out);
        } else if (node.isArray()) {
            writeArray(node, depth, out);
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(floatRepr(node.doubleValue()));
        } else {
            string(node.asText(), out);
        }
    }

    private static void writeObject(JsonNode node, int depth, StringBuilder out) {
        if (node.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.append(first ? "" : ",");
            newline(depth + 1, out);
            string(field.getKey(), out);
            out.append(": ");
            write(field.getValue(), depth + 1, out);
            first = false;
        }
        newline(depth, out);
        out.append('}');
    }

    private static void writeArray(JsonNode node, int depth, StringBuilder out) {
        if (node.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            out.append(i == 0 ? "" : ",");
            newline(depth + 1, out);
            write(node.get(i), depth + 1, out);
        }
        newline(depth, out);
        out.append(']');
    }

    private static void newline(int depth, StringBuilder out) {
        out.append('\n').append(INDENT.repeat(depth));
    }

    /** A JSON string as Python's {@code ensure_ascii} encoder writes it (also used for block schema checksums). */
    public static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= FIRST_PRINTABLE && c <= LAST_PRINTABLE) {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        out.append('"');
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < MIN_PLAIN_EXPONENT || exponent >= MAX_PLAIN_EXPONENT) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = shortest.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
