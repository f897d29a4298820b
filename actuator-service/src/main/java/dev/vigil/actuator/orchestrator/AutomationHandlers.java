package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.action.ActionHandler;
import dev.vigil.actuator.action.ActionResult;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.delivery.HttpCall;
import dev.vigil.actuator.delivery.HttpDelivery;
import dev.vigil.actuator.evaluator.EvaluatorPaths;
import dev.vigil.model.action.PauseAutomation;
import dev.vigil.model.action.ResumeAutomation;
import dev.vigil.model.action.TargetedAction;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.support.auth.ServiceCredentials;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pause and resume of automations: {@code PATCH /api/automations/{id}} {@code {"enabled": …}} on Vigil's evaluator,
 * under the workspace's path prefix. */
public final class AutomationHandlers {

    private static final String KIND = "prefect.automation";

    private AutomationHandlers() {
    }

    abstract static class AutomationHandler implements ActionHandler {

        private final HttpDelivery http;
        private final String evaluatorUrl;
        private final boolean enabled;
        private final Map<String, String> headers;

        AutomationHandler(HttpDelivery http, ActuatorConfig config, ServiceCredentials credentials, boolean enabled) {
            this.http = http;
            this.headers = credentials.authorization().map(value -> Map.of("Authorization", value)).orElse(Map.of());
            this.evaluatorUrl = config.evaluatorUrl();
            this.enabled = enabled;
        }

        @Override
        public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
            UUID id = Targets.of(message, (TargetedAction) message.action(), KIND, "automation");
            HttpCall call = HttpCall.json("PATCH",
                    EvaluatorPaths.workspaceApi(evaluatorUrl, message.workspaceId()) + "/automations/" + id, headers,
                    OrchestratorClient.json(Map.of("enabled", enabled)));
            return http.send(delivery, call).map(reply -> {
                Replies.expectSuccess(type(), reply);
                return new ActionResult(Map.of("status_code", reply.statusCode()), List.of(Replies.target(KIND, id)));
            });
        }
    }

    @Singleton
    public static class PauseAutomationHandler extends AutomationHandler {
        public PauseAutomationHandler(HttpDelivery http, ActuatorConfig config, ServiceCredentials credentials) {
            super(http, config, credentials, false);
        }

        @Override
        public String type() {
            return PauseAutomation.TYPE;
        }
    }

    @Singleton
    public static class ResumeAutomationHandler extends AutomationHandler {
        public ResumeAutomationHandler(HttpDelivery http, ActuatorConfig config, ServiceCredentials credentials) {
            super(http, config, credentials, true);
        }

        @Override
        public String type() {
            return ResumeAutomation.TYPE;
        }
    }
}
