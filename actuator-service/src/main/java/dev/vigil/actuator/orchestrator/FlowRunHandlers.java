package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.action.ActionHandler;
import dev.vigil.actuator.action.ActionResult;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.model.action.CancelFlowRun;
import dev.vigil.model.action.ChangeFlowRunState;
import dev.vigil.model.action.ResumeFlowRun;
import dev.vigil.model.action.SuspendFlowRun;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Flow-run actions on the inferred flow run: cancel, suspend and change-state through
 * {@code POST /flow_runs/{id}/set_state}, resume through {@code POST /flow_runs/{id}/resume}; the
 * orchestration result must be ACCEPT.
 */
public final class FlowRunHandlers {

    private static final String KIND = "prefect.flow-run";
    /** Prefect suspends for an hour before the run times out. */
    private static final Duration SUSPEND_TIMEOUT = Duration.ofHours(1);

    private FlowRunHandlers() {
    }

    abstract static class SetStateHandler implements ActionHandler {

        private final OrchestratorClient orchestrator;

        SetStateHandler(OrchestratorClient orchestrator) {
            this.orchestrator = orchestrator;
        }

        abstract Map<String, Object> state(ActionMessage message);

        boolean force(ActionMessage message) {
            return false;
        }

        @Override
        public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
            UUID id = Targets.flowRun(message);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("state", state(message));
            body.put("force", force(message));
            return orchestrator.call(delivery, message.automation(), "POST", "/flow_runs/" + id + "/set_state", body)
                    .map(reply -> {
                        Replies.expectAccepted(type(), reply);
                        return new ActionResult(Map.of("status_code", reply.statusCode()),
                                List.of(Replies.target(KIND, id)));
                    });
        }
    }

    @Singleton
    public static class CancelFlowRunHandler extends SetStateHandler {
        public CancelFlowRunHandler(OrchestratorClient orchestrator) {
            super(orchestrator);
        }

        @Override
        public String type() {
            return CancelFlowRun.TYPE;
        }

        @Override
        Map<String, Object> state(ActionMessage message) {
            return Map.of("type", "CANCELLING", "name", "Cancelling",
                    "message", "Cancelled by Automation " + message.automation().id());
        }
    }

    @Singleton
    public static class SuspendFlowRunHandler extends SetStateHandler {
        public SuspendFlowRunHandler(OrchestratorClient orchestrator) {
            super(orchestrator);
        }

        @Override
        public String type() {
            return SuspendFlowRun.TYPE;
        }

        @Override
        Map<String, Object> state(ActionMessage message) {
            String timeout = OffsetDateTime.now(ZoneOffset.UTC).plus(SUSPEND_TIMEOUT).toString();
            return Map.of("type", "PAUSED", "name", "Suspended",
                    "message", "Suspended by Automation " + message.automation().id(),
                    "state_details", Map.of("pause_timeout", timeout, "pause_reschedule", true));
        }
    }

    @Singleton
    public static class ChangeFlowRunStateHandler extends SetStateHandler {
        public ChangeFlowRunStateHandler(OrchestratorClient orchestrator) {
            super(orchestrator);
        }

        @Override
        public String type() {
            return ChangeFlowRunState.TYPE;
        }

        @Override
        Map<String, Object> state(ActionMessage message) {
            ChangeFlowRunState action = (ChangeFlowRunState) message.action();
            if (action.state() == null || action.state().isBlank()) {
                throw new ActionFailedException("change-flow-run-state needs a state");
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("type", action.state().toUpperCase(Locale.ROOT));
            if (action.name() != null) {
                state.put("name", action.name());
            }
            state.put("message", action.message() != null ? action.message()
                    : "State changed by Automation " + message.automation().id());
            return state;
        }

        @Override
        boolean force(ActionMessage message) {
            return ((ChangeFlowRunState) message.action()).force();
        }
    }

    @Singleton
    public static class ResumeFlowRunHandler implements ActionHandler {

        private final OrchestratorClient orchestrator;

        public ResumeFlowRunHandler(OrchestratorClient orchestrator) {
            this.orchestrator = orchestrator;
        }

        @Override
        public String type() {
            return ResumeFlowRun.TYPE;
        }

        @Override
        public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
            UUID id = Targets.flowRun(message);
            return orchestrator.call(delivery, message.automation(), "POST", "/flow_runs/" + id + "/resume", Map.of())
                    .map(reply -> {
                        Replies.expectAccepted(type(), reply);
                        return new ActionResult(Map.of("status_code", reply.statusCode()),
                                List.of(Replies.target(KIND, id)));
                    });
        }
    }
}
