package dev.vigil.template;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the variables a template of an action sees, with Prefect's names. */
public final class TemplateContext {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private TemplateContext() {
    }

    public static Map<String, Object> forAction(ActionMessage message) {
        Map<String, Object> context = new HashMap<>();
        context.put("automation", VigilJson.mapper().convertValue(message.automation(), MAP));
        context.put("event", event(message.event()));
        context.put("labels", message.labels());
        context.put("firing", VigilJson.mapper().convertValue(message.firing(), MAP));
        context.put("firings", message.firings().stream()
                .map(f -> VigilJson.mapper().convertValue(f, MAP)).toList());
        context.put("events", message.events().stream().map(TemplateContext::event).toList());
        return context;
    }

    /** An event with resource objects that answer {@code .id}, {@code .name} and label lookups. */
    public static Map<String, Object> event(ReceivedEvent event) {
        if (event == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>(VigilJson.mapper().convertValue(event, MAP));
        view.put("resource", TemplateResource.of(event.resource()));
        List<Map<String, String>> related = event.related().stream().map(TemplateResource::of).toList();
        view.put("related", related);
        Map<String, Object> inRole = new LinkedHashMap<>();
        Map<String, List<Map<String, String>>> allInRole = new LinkedHashMap<>();
        event.related().forEach(r -> {
            inRole.putIfAbsent(r.role(), TemplateResource.of(r));
            allInRole.computeIfAbsent(r.role(), k -> new java.util.ArrayList<>()).add(TemplateResource.of(r));
        });
        view.put("resource_in_role", inRole);
        view.put("resources_in_role", allInRole);
        return view;
    }
}
