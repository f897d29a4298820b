package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.action.ActionHandler;
import dev.vigil.actuator.action.ActionResult;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.template.ActionTemplates;
import dev.vigil.model.action.RunDeployment;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code run-deployment}: {@code POST /deployments/{id}/create_flow_run} with the rendered
 * parameters, job variables, Prefect's idempotency key and a Scheduled state at now + schedule_after.
 */
@ApplicationScoped
public class RunDeploymentHandler implements ActionHandler {

    private static final String KIND = "prefect.deployment";

    private final OrchestratorClient orchestrator;
    private final ActionTemplates templates;
    private final WorkspaceVariables variables;

    public RunDeploymentHandler(OrchestratorClient orchestrator, ActionTemplates templates,
                                WorkspaceVariables variables) {
        this.orchestrator = orchestrator;
        this.templates = templates;
        this.variables = variables;
    }

    @Override
    public String type() {
        return RunDeployment.TYPE;
    }

    @Override
    public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
        RunDeployment action = (RunDeployment) message.action();
        UUID deploymentId = Targets.of(message, action, KIND, "deployment");
        return DeploymentParameters.render(action.parameters(), message, templates, variables)
                .chain(parameters -> orchestrator.call(delivery, message.automation(), "POST",
                        "/deployments/" + deploymentId + "/create_flow_run", body(message, action, parameters)))
                .map(reply -> {
                    Replies.expectSuccess(type(), reply);
                    Map<String, Object> flowRun = OrchestratorClient.object(reply.body());
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("status_code", reply.statusCode());
                    List<RelatedResource> related = new java.util.ArrayList<>();
                    related.add(Replies.target(KIND, deploymentId));
                    if (flowRun != null && flowRun.get("id") != null) {
                        details.put("flow_run_id", flowRun.get("id"));
                        Map<String, String> labels = new LinkedHashMap<>();
                        labels.put(Resource.ID, "prefect.flow-run." + flowRun.get("id"));
                        labels.put(Resource.ROLE, "flow-run");
                        if (flowRun.get("name") != null) {
                            labels.put(Resource.NAME, flowRun.get("name").toString());
                        }
                        related.add(new RelatedResource(labels));
                    }
                    return new ActionResult(details, related);
                });
    }

    private static Map<String, Object> body(ActionMessage message, RunDeployment action,
                                            Map<String, Object> parameters) {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plus(action.scheduleAfter());
        Map<String, Object> body = new LinkedHashMap<>();
        if (parameters != null) {
            body.put("parameters", parameters);
        }
        body.put("state", Map.of("type", "SCHEDULED", "name", "Scheduled",
                "state_details", Map.of("scheduled_time", at.toString())));
        body.put("idempotency_key", idempotencyKey(message));
        if (action.jobVariables() != null) {
            body.put("job_variables", action.jobVariables());
        }
        return body;
    }

    /** Prefect's form, so the orchestrator deduplicates a flow run created twice for one firing. */
    static String idempotencyKey(ActionMessage message) {
        return "automation " + message.automation().id() + ", action " + message.actionIndex() + ", invocation "
                + message.idempotencyKey();
    }
}
