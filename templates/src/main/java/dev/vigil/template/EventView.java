package dev.vigil.template;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.json.VigilJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An event as templates see it. Iteration and {@code tojson} give the event's JSON fields;
 * {@code resource} and {@code related} are resource objects, and Prefect's computed attributes
 * ({@code resource_in_role}, {@code resources_in_role}, {@code involved_resources}, {@code url})
 * answer without being fields.
 */
final class EventView extends TemplateMap {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ReceivedEvent event;
    private final Map<String, Object> fields;
    private final String url;

    private EventView(ReceivedEvent event, String uiUrl) {
        this.event = event;
        this.fields = new LinkedHashMap<>(VigilJson.mapper().convertValue(event, MAP));
        fields.put("resource", TemplateResource.of(event.resource()));
        fields.put("related", event.related().stream().map(TemplateResource::of).toList());
        this.url = UiUrls.event(uiUrl, event);
    }

    static EventView of(ReceivedEvent event, String uiUrl) {
        return event == null ? null : new EventView(event, uiUrl);
    }

    ReceivedEvent event() {
        return event;
    }

    @Override
    public Object get(Object key) {
        Object field = fields.get(key);
        if (field != null) {
            return field;
        }
        return switch (String.valueOf(key)) {
            case "resource_in_role" -> resourceInRole();
            case "resources_in_role" -> resourcesInRole();
            case "involved_resources" -> event.involvedResources().stream().map(TemplateResource::of).toList();
            case "url" -> url;
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return fields.entrySet();
    }

    private Map<String, Object> resourceInRole() {
        Map<String, Object> byRole = new LinkedHashMap<>();
        for (RelatedResource r : event.related()) {
            byRole.putIfAbsent(r.role(), TemplateResource.of(r));
        }
        return byRole;
    }

    private Map<String, Object> resourcesInRole() {
        Map<String, Object> byRole = new LinkedHashMap<>();
        for (RelatedResource r : event.related()) {
            @SuppressWarnings("unchecked")
            List<Object> all = (List<Object>) byRole.computeIfAbsent(r.role(), k -> new ArrayList<>());
            all.add(TemplateResource.of(r));
        }
        return byRole;
    }

    @Override
    public String toString() {
        return "Event(" + event.event() + ", " + event.id() + ")";
    }

    static Resource primary(EventView view) {
        return view.event.resource();
    }
}
