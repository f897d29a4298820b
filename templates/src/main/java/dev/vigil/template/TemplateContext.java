package dev.vigil.template;

import dev.vigil.model.trigger.CompositeTrigger;
import dev.vigil.model.trigger.Trigger;
import java.util.Optional;
import java.util.UUID;
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
 * orchestrator objects ({@code flow_run}, {@code task_run}, {@code flow}, {@code deployment},
 * {@code work_pool}, {@code work_queue}, {@code concurrency_limit}) and the workspace's {@code variables}
 * that the caller fetched, or empty ones.
 */
public final class TemplateContext {

    /** Context names of the orchestrator objects, with their resource kind. */
    public static final Map<String, String> ORCHESTRATOR_OBJECTS = Map.of(
            "flow_run", "flow-run",
            "task_run", "task-run",
            "flow", "flow",
            "deployment", "deployment",
            "work_pool", "work-pool",
            "work_queue", "work-queue",
            "concurrency_limit", "concurrency-limit");

    /** Context name of the workspace's Prefect Variables (name → value). */
    public static final String VARIABLES = "variables";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private TemplateContext() {
    }

    public static Map<String, Object> forAction(ActionMessage message) {
        return forAction(message, null, Map.of());
    }

    /**
     * @param uiUrl      base of the Prefect UI for {@code ui_url} and {@code event.url}; null for none
     * @param fetched    orchestrator objects by context name ({@code flow_run} → its JSON fields), and
     *                   {@code variables} (name → value)
     */
    public static Map<String, Object> forAction(ActionMessage message, String uiUrl,
                                                Map<String, Map<String, Object>> fetched) {
        Map<String, Object> context = new HashMap<>();
        context.put("automation", TemplateObject.lazy("automation", () -> json(message.automation())));
        context.put("event", EventView.of(message.event(), uiUrl));
        context.put("labels", LabelDiver.of(message.labels()));
        Trigger root = message.automation() == null ? null : message.automation().trigger();
        context.put("firing", firing(message.firing(), root));
        context.put("firings", message.firings().stream().map(f -> firing(f, root)).toList());
        context.put("events", message.events().stream().map(e -> EventView.of(e, uiUrl)).toList());
        ORCHESTRATOR_OBJECTS.forEach((name, kind) -> {
            Map<String, Object> fields = fetched.get(name);
            context.put(name, fields == null ? null : new TemplateObject(kind, fields));
        });
        context.put(VARIABLES, fetched.getOrDefault(VARIABLES, Map.of()));
        return context;
    }

    /** An event as templates see it: resource objects, {@code resource_in_role}, {@code url}, … */
    public static Map<String, Object> event(ReceivedEvent event) {
        return EventView.of(event, null);
    }

    /** A firing with Prefect's {@code trigger}: the trigger of the automation that fired, found by its id. */
    private static Map<String, Object> firing(Firing firing, Trigger root) {
        if (firing == null) {
            return null;
        }
        return TemplateObject.lazy("firing", () -> {
            Map<String, Object> fields = json(firing);
            fields.put("trigger", trigger(root, firing.triggerId())
                    .map(t -> TemplateObject.lazy("trigger", () -> json(t))).orElse(null));
            fields.put("triggering_labels", LabelDiver.of(firing.triggeringLabels()));
            fields.put("triggering_event", EventView.of(firing.triggeringEvent(), null));
            fields.put("triggering_firings",
                    firing.triggeringFirings().stream().map(f -> firing(f, root)).toList());
            return fields;
        });
    }

    private static Optional<Trigger> trigger(Trigger node, UUID id) {
        if (node == null || id == null) {
            return Optional.empty();
        }
        if (id.equals(node.id())) {
            return Optional.of(node);
        }
        if (node instanceof CompositeTrigger composite) {
            for (Trigger child : composite.triggers()) {
                Optional<Trigger> found = trigger(child, id);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> json(Object value) {
        return value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(VigilJson.mapper().convertValue(value, MAP));
    }
}
