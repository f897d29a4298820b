package dev.vigil.console.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.model.json.VigilJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The starting points of the create page, as in Prefect's wizard: each yields a whole automation in
 * Prefect's JSON, ready to edit. Every template fires a do-nothing action until the user picks one.
 */
public final class AutomationTemplates {

    /** One template: its key (the {@code template} query parameter), label, and the trigger it starts from. */
    public record Template(String key, String label, Map<String, Object> trigger) {
    }

    private static final String RESOURCE_ID = "prefect.resource.id";

    public static final List<Template> ALL = List.of(
            new Template("custom", "Custom event trigger",
                    eventTrigger("my.resource.*", List.of("my.event.happened"), List.of())),
            new Template("flow-run-state", "Flow run state",
                    eventTrigger("prefect.flow-run.*", List.of("prefect.flow-run.Failed", "prefect.flow-run.Crashed"),
                            List.of(RESOURCE_ID))),
            new Template("deployment-status", "Deployment status",
                    eventTrigger("prefect.deployment.*", List.of("prefect.deployment.not-ready"),
                            List.of(RESOURCE_ID))),
            new Template("work-pool-status", "Work pool status",
                    eventTrigger("prefect.work-pool.*", List.of("prefect.work-pool.not-ready"),
                            List.of(RESOURCE_ID))),
            new Template("work-queue-status", "Work queue status",
                    eventTrigger("prefect.work-queue.*", List.of("prefect.work-queue.not-ready"),
                            List.of(RESOURCE_ID))));

    private AutomationTemplates() {
    }

    public static Optional<Template> find(String key) {
        return ALL.stream().filter(t -> t.key().equals(key)).findFirst();
    }

    /** The whole automation of a template, as indented JSON for the editor. */
    public static String document(Template template) {
        Map<String, Object> automation = new LinkedHashMap<>();
        automation.put("name", template.label());
        automation.put("description", "");
        automation.put("enabled", true);
        automation.put("tags", List.of());
        automation.put("trigger", template.trigger());
        automation.put("actions", List.of(Map.of("type", "do-nothing")));
        try {
            return VigilJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(automation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> eventTrigger(String resourceId, List<String> expect, List<String> forEach) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", "event");
        trigger.put("match", Map.of(RESOURCE_ID, resourceId));
        trigger.put("match_related", Map.of());
        trigger.put("after", List.of());
        trigger.put("expect", expect);
        trigger.put("for_each", forEach);
        trigger.put("posture", "Reactive");
        trigger.put("threshold", 1);
        trigger.put("within", 0);
        return trigger;
    }
}
