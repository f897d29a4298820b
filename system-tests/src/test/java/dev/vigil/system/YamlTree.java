package dev.vigil.system;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Typed access to plain YAML (maps, lists, scalars), failing with the missing key's name. */
final class YamlTree {

    private YamlTree() {
    }

    /** The single document of a file; merge keys ({@code <<: *anchor}) are resolved. */
    static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return asMap(document, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return asMap(required(parent, key), key);
    }

    static List<Map<String, Object>> maps(Map<String, Object> parent, String key) {
        Object value = required(parent, key);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("'" + key + "' is not a list: " + value);
        }
        return list.stream().map(item -> asMap(item, key + "[]")).toList();
    }

    static List<String> strings(Map<String, Object> parent, String key) {
        Object value = required(parent, key);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("'" + key + "' is not a list: " + value);
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** A scalar as text (a YAML number such as a port becomes its digits). */
    static String string(Map<String, Object> parent, String key) {
        Object value = required(parent, key);
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException("'" + key + "' is not a scalar: " + value);
        }
        return String.valueOf(value);
    }

    private static Object required(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + key + "' (have " + parent.keySet() + ")");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("'" + what + "' is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }
}
