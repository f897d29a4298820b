package dev.vigil.template;

import dev.vigil.model.event.Resource;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A resource as templates see it: its labels (so {@code r['prefect.resource.id']} and iteration
 * work), plus {@code id}, {@code name} and {@code role} shortcuts as in Prefect.
 */
final class TemplateResource extends AbstractMap<String, String> {

    private final Resource resource;

    TemplateResource(Resource resource) {
        this.resource = resource;
    }

    @Override
    public String get(Object key) {
        String label = resource.get(String.valueOf(key));
        if (label != null) {
            return label;
        }
        return switch (String.valueOf(key)) {
            case "id" -> resource.id();
            case "name" -> resource.name();
            case "role" -> resource.get(Resource.ROLE);
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return resource.labels().entrySet();
    }

    @Override
    public String toString() {
        return resource.id();
    }

    static Map<String, String> of(Resource resource) {
        return resource == null ? Map.of() : new TemplateResource(resource);
    }
}
