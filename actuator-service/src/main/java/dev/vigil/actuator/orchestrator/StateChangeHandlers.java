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
import java.util.function.Function;

/**
 * Pause and resume of deployments ({@code POST /deployments/{id}/pause_deployment|resume_deployment})
 * and work queues ({@code PATCH /work_queues/{id}} with {@code is_paused}), selected or inferred.
 * Each handler is only data: its type, the target kind, and the request it makes.
 */
public final class StateChangeHandlers {

    private static final String DEPLOYMENT = "prefect.deployment";
    private static final String WORK_QUEUE = "prefect.work-queue";

    private StateChangeHandlers() {
    }

    abstract static class Targeted implements ActionHandler {

        private final OrchestratorClient orchestrator;
        private final String type;
        private final String kind;
        private final String noun;
        private final String method;
        private final Function<UUID, String> path;
        private final Object body;

        Targeted(OrchestratorClient orchestrator, String type, String kind, String noun, String method,
                 Function<UUID, String> path, Object body) {
            this.orchestrator = orchestrator;
            this.type = type;
            this.kind = kind;
            this.noun = noun;
            this.method = method;
            this.path = path;
            this.body = body;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
            UUID id = Targets.of(message, (TargetedAction) message.action(), kind, noun);
            return orchestrator.call(delivery, message.automation(), method, path.apply(id), body)
                    .map(reply -> {
                        Replies.expectSuccess(type, reply);
                        return new ActionResult(Map.of("status_code", reply.statusCode()),
                                List.of(Replies.target(kind, id)));
                    });
        }
    }

    @Singleton
    public static class PauseDeploymentHandler extends Targeted {
        public PauseDeploymentHandler(OrchestratorClient orchestrator) {
            super(orchestrator, PauseDeployment.TYPE, DEPLOYMENT, "deployment", "POST",
                    id -> "/deployments/" + id + "/pause_deployment", null);
        }
    }

    @Singleton
    public static class ResumeDeploymentHandler extends Targeted {
        public ResumeDeploymentHandler(OrchestratorClient orchestrator) {
            super(orchestrator, ResumeDeployment.TYPE, DEPLOYMENT, "deployment", "POST",
                    id -> "/deployments/" + id + "/resume_deployment", null);
        }
    }

    @Singleton
    public static class PauseWorkQueueHandler extends Targeted {
        public PauseWorkQueueHandler(OrchestratorClient orchestrator) {
            super(orchestrator, PauseWorkQueue.TYPE, WORK_QUEUE, "work queue", "PATCH",
                    id -> "/work_queues/" + id, Map.of("is_paused", true));
        }
    }

    @Singleton
    public static class ResumeWorkQueueHandler extends Targeted {
        public ResumeWorkQueueHandler(OrchestratorClient orchestrator) {
            super(orchestrator, ResumeWorkQueue.TYPE, WORK_QUEUE, "work queue", "PATCH",
                    id -> "/work_queues/" + id, Map.of("is_paused", false));
        }
    }
}
