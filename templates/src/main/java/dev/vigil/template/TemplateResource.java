package dev.vigil.template;

import dev.vigil.model.event.Resource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A resource as templates see it: its labels ({@code r['prefect.resource.id']}, iteration,
 * {@code tojson}), plus Prefect's {@code id}, {@code name}, {@code role} and {@code labels}
 * attributes. {@code {% for label, value in r %}} yields the label pairs.
 */
final class TemplateResource extends TemplateMap {

    private final Resource resource;

    private TemplateResource(Resource resource) {
        this.resource = resource;
    }

    static TemplateResource of(Resource resource) {
        return resource == null ? null : new TemplateResource(resource);
    }

    Resource resource() {
        return resource;
    }

    @Override
    public Object get(Object key) {
        String name = String.valueOf(key);
        String label = resource.get(name);
        if (label != null) {
            return label;
        }
        return switch (name) {
            case "id" -> resource.id();
            case "name" -> resource.name();
            case "role" -> resource.get(Resource.ROLE);
            case "labels" -> LabelDiver.of(resource.labels());
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new LinkedHashMap<String, Object>(resource.labels()).entrySet();
    }

    @Override
    public String toString() {
        return resource.id();
    }

    static Map<String, Object> labelsOf(TemplateResource resource) {
        return new LinkedHashMap<>(resource.resource.labels());
    }
}
