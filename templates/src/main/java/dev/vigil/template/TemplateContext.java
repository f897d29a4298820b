package dev.vigil.template;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the variables a template of an action sees, with Prefect's names: {@code automation},
 * {@code event}, {@code labels}, {@code firing}, {@code firings}, {@code events}, and the
 * orchestrator objects ({@code flow_run}, {@code flow}, {@code deployment}, {@code work_pool},
 * {@code work_queue}) that the caller fetched, or empty ones.
 */
public final class TemplateContext {

    /** Context names of the orchestrator objects, with their resource kind. */
    public static final Map<String, String> ORCHESTRATOR_OBJECTS = Map.of(
            "flow_run", "flow-run",
            "flow", "flow",
            "deployment", "deployment",
            "work_pool", "work-pool",
            "work_queue", "work-queue");

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private TemplateContext() {
    }

    public static Map<String, Object> forAction(ActionMessage message) {
        return forAction(message, null, Map.of());
    }

    /**
     * @param uiUrl      base of the Prefect UI for {@code ui_url} and {@code event.url}; null for none
     * @param fetched    orchestrator objects by context name ({@code flow_run} → its JSON fields)
     */
    public static Map<String, Object> forAction(ActionMessage message, String uiUrl,
                                                Map<String, Map<String, Object>> fetched) {
        Map<String, Object> context = new HashMap<>();
        context.put("automation", new TemplateObject("automation", json(message.automation())));
        context.put("event", EventView.of(message.event(), uiUrl));
        context.put("labels", LabelDiver.of(message.labels()));
        context.put("firing", firing(message.firing()));
        context.put("firings", message.firings().stream().map(TemplateContext::firing).toList());
        context.put("events", message.events().stream().map(e -> EventView.of(e, uiUrl)).toList());
        ORCHESTRATOR_OBJECTS.forEach((name, kind) -> {
            Map<String, Object> fields = fetched.get(name);
            context.put(name, fields == null ? null : new TemplateObject(kind, fields));
        });
        return context;
    }

    /** An event as templates see it: resource objects, {@code resource_in_role}, {@code url}, … */
    public static Map<String, Object> event(ReceivedEvent event) {
        return EventView.of(event, null);
    }

    private static Map<String, Object> firing(Firing firing) {
        if (firing == null) {
            return null;
        }
        Map<String, Object> fields = json(firing);
        fields.put("triggering_labels", LabelDiver.of(firing.triggeringLabels()));
        fields.put("triggering_event", EventView.of(firing.triggeringEvent(), null));
        fields.put("triggering_firings", firing.triggeringFirings().stream().map(TemplateContext::firing).toList());
        return new TemplateObject("firing", fields);
    }

    private static Map<String, Object> json(Object value) {
        return value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(VigilJson.mapper().convertValue(value, MAP));
    }
}
