package dev.vigil.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An API object in the context ({@code automation}, {@code flow_run}, {@code deployment}, …): its
 * JSON fields, plus the kind that {@code ui_url} needs to build its link.
 */
public final class TemplateObject extends TemplateMap {

    private final String kind;
    private final Map<String, Object> fields;

    public TemplateObject(String kind, Map<String, Object> fields) {
        this.kind = kind;
        this.fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
    }

    /** The Prefect resource kind without the {@code prefect.} prefix, e.g. {@code flow-run}. */
    public String kind() {
        return kind;
    }

    @Override
    public Object get(Object key) {
        return fields.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return fields.entrySet();
    }
}
