package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.config.ActuatorConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the workspace's Prefect Variables (name → value) from the orchestrator, page by page through
 * {@code POST /variables/filter}, up to a bound. For templates, a page that fails ends the read with what
 * was read (a template sees what it can, as with the other context objects); a parameter that needs a
 * variable fails its action instead, saying the orchestrator could not be read.
 */
@ApplicationScoped
public class WorkspaceVariables {

    private final OrchestratorClient orchestrator;
    private final int pageSize;
    private final int most;

    public WorkspaceVariables(OrchestratorClient orchestrator, ActuatorConfig config) {
        this.orchestrator = orchestrator;
        this.pageSize = config.orchestrator().variablePageSize();
        this.most = config.orchestrator().maxVariables();
    }

    /** Every variable, for templates that name {@code variables}. */
    Uni<Map<String, Object>> all() {
        return page(Map.of(), 0, new LinkedHashMap<>(), false);
    }

    /** Only the named ones, for {@code workspace_variable} parameters; none asked, none read. */
    Uni<Map<String, Object>> named(Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        if (!orchestrator.configured()) {
            return Uni.createFrom().failure(new ActionFailedException(OrchestratorClient.NOT_CONFIGURED));
        }
        return page(Map.of("name", Map.of("any_", List.copyOf(names))), 0, new LinkedHashMap<>(), true);
    }

    private Uni<Map<String, Object>> page(Map<String, Object> filter, int offset, Map<String, Object> read,
                                          boolean required) {
        Map<String, Object> body = Map.of("variables", filter, "limit", pageSize, "offset", offset);
        return orchestrator.readList("/variables/filter", body).chain(found -> {
            if (found == null && required) {
                return Uni.createFrom().failure(new ActionFailedException(
                        "Failed to hydrate parameters: the orchestrator's variables could not be read"));
            }
            if (found == null) {
                return Uni.createFrom().item(read);
            }
            for (Map<String, Object> variable : found) {
                if (variable.get("name") instanceof String name) {
                    read.put(name, variable.get("value"));
                }
            }
            int next = offset + pageSize;
            if (found.size() < pageSize || next >= most) {
                return Uni.createFrom().item(read);
            }
            return page(filter, next, read, required);
        });
    }
}
