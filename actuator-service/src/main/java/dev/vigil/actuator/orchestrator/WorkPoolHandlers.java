package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.action.ActionHandler;
import dev.vigil.actuator.action.ActionResult;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.model.action.PauseWorkPool;
import dev.vigil.model.action.ResumeWorkPool;
import dev.vigil.model.action.TargetedAction;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pause and resume of work pools: finds the pool by id ({@code POST /work_pools/filter}), then {@code PATCH /work_pools/{name}}. */
public final class WorkPoolHandlers {

    private static final String KIND = "prefect.work-pool";

    private WorkPoolHandlers() {
    }

    abstract static class WorkPoolHandler implements ActionHandler {

        private final OrchestratorClient orchestrator;
        private final boolean paused;

        WorkPoolHandler(OrchestratorClient orchestrator, boolean paused) {
            this.orchestrator = orchestrator;
            this.paused = paused;
        }

        @Override
        public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
            UUID id = Targets.of(message, (TargetedAction) message.action(), KIND, "work pool");
            Map<String, Object> filter = Map.of("work_pools", Map.of("id", Map.of("any_", List.of(id.toString()))));
            return orchestrator.call(delivery, message.automation(), "POST", "/work_pools/filter", filter)
                    .chain(reply -> {
                        Replies.expectSuccess(type(), reply);
                        List<Map<String, Object>> pools = OrchestratorClient.list(reply.body());
                        if (pools.isEmpty() || pools.get(0).get("name") == null) {
                            throw new ActionFailedException("Work pool " + id + " not found");
                        }
                        String name = pools.get(0).get("name").toString();
                        return orchestrator.call(delivery, message.automation(), "PATCH",
                                "/work_pools/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"),
                                Map.of("is_paused", paused));
                    })
                    .map(reply -> {
                        Replies.expectSuccess(type(), reply);
                        return new ActionResult(Map.of("status_code", reply.statusCode()),
                                List.of(Replies.target(KIND, id)));
                    });
        }
    }

    @Singleton
    public static class PauseWorkPoolHandler extends WorkPoolHandler {
        public PauseWorkPoolHandler(OrchestratorClient orchestrator) {
            super(orchestrator, true);
        }

        @Override
        public String type() {
            return PauseWorkPool.TYPE;
        }
    }

    @Singleton
    public static class ResumeWorkPoolHandler extends WorkPoolHandler {
        public ResumeWorkPoolHandler(OrchestratorClient orchestrator) {
            super(orchestrator, false);
        }

        @Override
        public String type() {
            return ResumeWorkPool.TYPE;
        }
    }
}
