package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.action.ActionHandler;
import dev.vigil.actuator.action.ActionResult;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.model.action.PauseDeployment;
import dev.vigil.model.action.PauseWorkQueue;
import dev.vigil.model.action.ResumeDeployment;
import dev.vigil.model.action.ResumeWorkQueue;
import dev.vigil.model.action.TargetedAction;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pause and resume of deployments ({@code POST /deployments/{id}/pause_deployment|resume_deployment})
 * and work queues ({@code PATCH /work_queues/{id}} with {@code is_paused}), selected or inferred.
 */
public final class StateChangeHandlers {

    private StateChangeHandlers() {
    }

    abstract static class Targeted implements ActionHandler {

        private final OrchestratorClient orchestrator;
        private final String kind;
        private final String noun;

        Targeted(OrchestratorClient orchestrator, String kind, String noun) {
            this.orchestrator = orchestrator;
            this.kind = kind;
            this.noun = noun;
        }

        abstract String method();

        abstract String path(UUID id);

        abstract Object body();

        @Override
        public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
            UUID id = Targets.of(message, (TargetedAction) message.action(), kind, noun);
            return orchestrator.call(delivery, message.automation(), method(), path(id), body())
                    .map(reply -> {
                        Replies.expectSuccess(type(), reply);
                        return new ActionResult(Map.of("status_code", reply.statusCode()),
                                List.of(Replies.target(kind, id)));
                    });
        }
    }

    @Singleton
    public static class PauseDeploymentHandler extends Targeted {
        public PauseDeploymentHandler(OrchestratorClient orchestrator) {
            super(orchestrator, "prefect.deployment", "deployment");
        }

        @Override
        public String type() {
            return PauseDeployment.TYPE;
        }

        @Override
        String method() {
            return "POST";
        }

        @Override
        String path(UUID id) {
            return "/deployments/" + id + "/pause_deployment";
        }

        @Override
        Object body() {
            return null;
        }
    }

    @Singleton
    public static class ResumeDeploymentHandler extends Targeted {
        public ResumeDeploymentHandler(OrchestratorClient orchestrator) {
            super(orchestrator, "prefect.deployment", "deployment");
        }

        @Override
        public String type() {
            return ResumeDeployment.TYPE;
        }

        @Override
        String method() {
            return "POST";
        }

        @Override
        String path(UUID id) {
            return "/deployments/" + id + "/resume_deployment";
        }

        @Override
        Object body() {
            return null;
        }
    }

    @Singleton
    public static class PauseWorkQueueHandler extends Targeted {
        public PauseWorkQueueHandler(OrchestratorClient orchestrator) {
            super(orchestrator, "prefect.work-queue", "work queue");
        }

        @Override
        public String type() {
            return PauseWorkQueue.TYPE;
        }

        @Override
        String method() {
            return "PATCH";
        }

        @Override
        String path(UUID id) {
            return "/work_queues/" + id;
        }

        @Override
        Object body() {
            return Map.of("is_paused", true);
        }
    }

    @Singleton
    public static class ResumeWorkQueueHandler extends Targeted {
        public ResumeWorkQueueHandler(OrchestratorClient orchestrator) {
            super(orchestrator, "prefect.work-queue", "work queue");
        }

        @Override
        public String type() {
            return ResumeWorkQueue.TYPE;
        }

        @Override
        String method() {
            return "PATCH";
        }

        @Override
        String path(UUID id) {
            return "/work_queues/" + id;
        }

        @Override
        Object body() {
            return Map.of("is_paused", false);
        }
    }
}
