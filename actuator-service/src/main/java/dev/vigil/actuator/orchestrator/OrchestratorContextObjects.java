package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.template.ContextObjects;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.template.JinjaEnvironment;
import dev.vigil.template.TemplateContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Fetches {@code flow_run}, {@code flow}, {@code deployment}, {@code work_pool} and
 * {@code work_queue} from the orchestrator, only when a template names them and the event
 * references one; absent ones stay empty. A flow run's state is taken from the event's labels
 * when it carries all four state labels, as Prefect does.
 */
@ApplicationScoped
public class OrchestratorContextObjects implements ContextObjects {

    private static final List<String> STATE_LABELS = List.of("prefect.state-message", "prefect.state-name",
            "prefect.state-timestamp", "prefect.state-type");

    private final OrchestratorClient orchestrator;

    public OrchestratorContextObjects(OrchestratorClient orchestrator) {
        this.orchestrator = orchestrator;
    }

    @Override
    public Uni<Map<String, Map<String, Object>>> fetch(List<String> templates, ActionMessage message) {
        Map<String, Map<String, Object>> fetched = new LinkedHashMap<>();
        ReceivedEvent event = message.event();
        if (event == null || !orchestrator.configured()) {
            return Uni.createFrom().item(fetched);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> entry : TemplateContext.ORCHESTRATOR_OBJECTS.entrySet()) {
            String name = entry.getKey();
            if (templates.stream().noneMatch(t -> JinjaEnvironment.mentions(t, name))) {
                continue;
            }
            Optional<UUID> id = Targets.firstOfKind(event, "prefect." + entry.getValue());
            if (id.isEmpty()) {
                continue;
            }
            chain = chain.chain(() -> read(name, id.get()).invoke(found -> {
                if (found != null) {
                    fetched.put(name, "flow_run".equals(name) ? withEventState(found, event) : found);
                }
            })).replaceWithVoid();
        }
        return chain.replaceWith(fetched);
    }

    private Uni<Map<String, Object>> read(String name, UUID id) {
        return switch (name) {
            case "flow_run" -> orchestrator.read("/flow_runs/" + id);
            case "flow" -> orchestrator.read("/flows/" + id);
            case "deployment" -> orchestrator.read("/deployments/" + id);
            case "work_queue" -> orchestrator.read("/work_queues/" + id);
            case "work_pool" -> orchestrator.readFirst("/work_pools/filter",
                    Map.of("work_pools", Map.of("id", Map.of("any_", List.of(id.toString())))));
            default -> Uni.createFrom().nullItem();
        };
    }

    private static Map<String, Object> withEventState(Map<String, Object> flowRun, ReceivedEvent event) {
        Optional<Resource> run = event.involvedResources().stream()
                .filter(r -> r.id() != null && r.id().equals("prefect.flow-run." + flowRun.get("id")))
                .findFirst();
        if (run.isEmpty() || !STATE_LABELS.stream().allMatch(run.get()::has)) {
            return flowRun;
        }
        Resource labels = run.get();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", labels.get("prefect.state-type"));
        state.put("name", labels.get("prefect.state-name"));
        state.put("message", labels.get("prefect.state-message"));
        state.put("timestamp", labels.get("prefect.state-timestamp"));
        Map<String, Object> updated = new LinkedHashMap<>(flowRun);
        updated.put("state", state);
        updated.put("state_type", state.get("type"));
        updated.put("state_name", state.get("name"));
        return updated;
    }
}
