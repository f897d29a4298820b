package dev.vigil.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An API object in the context ({@code automation}, {@code flow_run}, {@code deployment}, …): its
 * JSON fields, plus the kind that {@code ui_url} needs to build its link.
 */
public final class TemplateObject extends TemplateMap {

    private final String kind;
    private Supplier<Map<String, Object>> source;
    private Map<String, Object> fields;

    public TemplateObject(String kind, Map<String, Object> fields) {
        this.kind = kind;
        this.fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
    }

    private TemplateObject(String kind, Supplier<Map<String, Object>> source) {
        this.kind = kind;
        this.source = source;
    }

    /**
     * An object whose fields are computed the first time a template reads it. Most templates read one or two
     * objects of their context, and converting the others (an automation, a firing with its trigger) to JSON
     * fields was most of the cost of building a context. A context is built and read by one render at a time,
     * so the memo needs no lock.
     */
    public static TemplateObject lazy(String kind, Supplier<Map<String, Object>> fields) {
        return new TemplateObject(kind, fields);
    }

    /** The Prefect resource kind without the {@code prefect.} prefix, e.g. {@code flow-run}. */
    public String kind() {
        return kind;
    }

    @Override
    public Object get(Object key) {
        return fields().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields().containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return fields().entrySet();
    }

    private Map<String, Object> fields() {
        if (fields == null) {
            Map<String, Object> computed = source.get();
            fields = computed == null ? Map.of() : computed;
            source = null;
        }
        return fields;
    }
}
