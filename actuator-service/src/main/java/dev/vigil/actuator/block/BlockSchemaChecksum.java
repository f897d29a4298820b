package dev.vigil.actuator.block;

import dev.vigil.model.json.PythonJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A block schema's checksum as Prefect computes it, so a schema's fields give the same checksum here and in
 * Prefect's SDK: {@code secret_fields} keys are dropped at every depth, and the SHA-256 is taken over the
 * text Python's {@code json.dumps(((fields,), {}), sort_keys=True)} writes (default separators, non-ASCII
 * escaped). Definitions of nested blocks are not handled: Vigil's block types have none.
 */
final class BlockSchemaChecksum {

    static final String PREFIX = "sha256:";
    private static final String SECRET_FIELDS = "secret_fields";

    private BlockSchemaChecksum() {
    }

    static String of(Map<String, ?> fields) {
        StringBuilder text = new StringBuilder("[[");
        write(withoutSecretFields(fields), text);
        text.append("], {}]");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Object withoutSecretFields(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> {
                if (!SECRET_FIELDS.equals(k)) {
                    copy.put(String.valueOf(k), withoutSecretFields(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(BlockSchemaChecksum::withoutSecretFields).toList();
        }
        return value;
    }

    /** Python's json.dumps of an already key-sorted tree. */
    static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            out.append(pythonFloat(((Number) value).doubleValue()));
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof CharSequence s) {
            PythonJson.string(s.toString(), out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                out.append(first ? "" : ", ");
                first = false;
                PythonJson.string(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            PythonJson.string(value.toString(), out);
        }
    }

    private static String pythonFloat(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16 ? (long) d + ".0" : Double.toString(d);
    }
}
