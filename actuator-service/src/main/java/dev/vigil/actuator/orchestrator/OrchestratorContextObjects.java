package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.template.ContextObjects;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.template.JinjaEnvironment;
import dev.vigil.template.TemplateContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Fetches {@code flow_run}, {@code task_run}, {@code flow}, {@code deployment}, {@code work_pool},
 * {@code work_queue} and {@code concurrency_limit} from the orchestrator, and the workspace's
 * {@code variables}, only when a template names them; an object also needs the event to reference one
 * of its kind. The reads run at once; an absent or unreachable one stays empty. A flow or task run's
 * state is taken from the event's labels when it carries all four state labels, as Prefect does.
 */
@ApplicationScoped
public class OrchestratorContextObjects implements ContextObjects {

    private static final List<String> STATE_LABELS = List.of("prefect.state-message", "prefect.state-name",
            "prefect.state-timestamp", "prefect.state-type");

    private final OrchestratorClient orchestrator;
    private final WorkspaceVariables variables;

    public OrchestratorContextObjects(OrchestratorClient orchestrator, WorkspaceVariables variables) {
        this.orchestrator = orchestrator;
        this.variables = variables;
    }

    @Override
    public Uni<Map<String, Map<String, Object>>> fetch(List<String> templates, ActionMessage message) {
        Map<String, Map<String, Object>> fetched = new LinkedHashMap<>();
        ReceivedEvent event = message.event();
        if (event == null || !orchestrator.configured()) {
            return Uni.createFrom().item(fetched);
        }
        List<Uni<Fetched>> reads = new ArrayList<>();
        for (Map.Entry<String, String> entry : TemplateContext.ORCHESTRATOR_OBJECTS.entrySet()) {
            String name = entry.getKey();
            if (mentioned(templates, name)) {
                Targets.firstOfKind(event, "prefect." + entry.getValue())
                        .ifPresent(id -> reads.add(read(name, id).map(found -> new Fetched(name, found))));
            }
        }
        if (mentioned(templates, TemplateContext.VARIABLES)) {
            reads.add(variables.all().map(found -> new Fetched(TemplateContext.VARIABLES, found)));
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(fetched);
        }
        return Uni.join().all(reads).andCollectFailures().map(all -> {
            for (Fetched one : all) {
                if (one.object() != null) {
                    fetched.put(one.name(), withEventState(one, event));
                }
            }
            return fetched;
        });
    }

    private static boolean mentioned(List<String> templates, String name) {
        return templates.stream().anyMatch(t -> JinjaEnvironment.mentions(t, name));
    }

    /** One context object as read, {@code null} when absent or unreachable. */
    private record Fetched(String name, Map<String, Object> object) {
    }

    private static Map<String, Object> withEventState(Fetched one, ReceivedEvent event) {
        boolean run = "flow_run".equals(one.name()) || "task_run".equals(one.name());
        return run ? withEventState(one.object(), event, TemplateContext.ORCHESTRATOR_OBJECTS.get(one.name()))
                : one.object();
    }

    private Uni<Map<String, Object>> read(String name, UUID id) {
        return switch (name) {
            case "flow_run" -> orchestrator.read("/flow_runs/" + id);
            case "task_run" -> orchestrator.read("/task_runs/" + id);
            case "flow" -> orchestrator.read("/flows/" + id);
            case "deployment" -> orchestrator.read("/deployments/" + id);
            case "work_queue" -> workQueueWithStatus(id);
            case "work_pool" -> orchestrator.readFirst("/work_pools/filter",
                    Map.of("work_pools", Map.of("id", Map.of("any_", List.of(id.toString())))));
            case "concurrency_limit" -> orchestrator.read("/v2/concurrency_limits/" + id);
            default -> Uni.createFrom().nullItem();
        };
    }

    /** As Prefect: the queue and its status ({@code status}, {@code late_runs_count}, …) in one object. */
    private Uni<Map<String, Object>> workQueueWithStatus(UUID id) {
        return Uni.combine().all()
                .unis(orchestrator.read("/work_queues/" + id), orchestrator.read("/work_queues/" + id + "/status"))
                .with((queue, status) -> {
                    if (queue == null || status == null) {
                        return null;
                    }
                    Map<String, Object> combined = new LinkedHashMap<>(queue);
                    combined.putAll(status);
                    return combined;
                });
    }

    private static Map<String, Object> withEventState(Map<String, Object> run, ReceivedEvent event, String kind) {
        Optional<Resource> resource = event.involvedResources().stream()
                .filter(r -> r.id() != null && r.id().equals("prefect." + kind + "." + run.get("id")))
                .findFirst();
        if (resource.isEmpty() || !STATE_LABELS.stream().allMatch(resource.get()::has)) {
            return run;
        }
        Resource labels = resource.get();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", labels.get("prefect.state-type"));
        state.put("name", labels.get("prefect.state-name"));
        state.put("message", labels.get("prefect.state-message"));
        state.put("timestamp", labels.get("prefect.state-timestamp"));
        Map<String, Object> updated = new LinkedHashMap<>(run);
        updated.put("state", state);
        updated.put("state_type", state.get("type"));
        updated.put("state_name", state.get("name"));
        return updated;
    }
}
