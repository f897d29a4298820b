package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.delivery.HttpReply;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Judges orchestrator replies with Prefect's failure reasons, and names the objects acted on. */
public final class Replies {

    private static final int CONFLICT = 409;
    private static final int UNPROCESSABLE = 422;
    private static final int EXCERPT_CHARS = 1000;

    private Replies() {
    }

    /** The reply when it is a 2xx; otherwise fails the action with Prefect's reason for the status. */
    public static HttpReply expectSuccess(String actionType, HttpReply reply) {
        if (reply.successful()) {
            return reply;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status_code", reply.statusCode());
        details.put("response_body", reply.excerpt(EXCERPT_CHARS));
        Object detail = detail(reply);
        if (reply.statusCode() == UNPROCESSABLE || (reply.statusCode() == CONFLICT && detail != null)) {
            details.put("validation_error", String.valueOf(detail));
            throw new ActionFailedException("Validation error occurred for '" + actionType + "' - " + detail, details);
        }
        if (reply.statusCode() == CONFLICT) {
            throw new ActionFailedException("Conflict (409) occurred for '" + actionType + "' - "
                    + reply.excerpt(EXCERPT_CHARS), details);
        }
        throw new ActionFailedException("Unexpected status from '" + actionType + "' action: " + reply.statusCode(),
                details);
    }

    /** For set_state and resume: the orchestration result must be ACCEPT. */
    public static void expectAccepted(String actionType, HttpReply reply) {
        expectSuccess(actionType, reply);
        Map<String, Object> result = OrchestratorClient.object(reply.body());
        Object status = result == null ? null : result.get("status");
        if (!"ACCEPT".equals(status)) {
            Object details = result == null ? null : result.get("details");
            Object reason = details instanceof Map<?, ?> d ? d.get("reason") : null;
            throw new ActionFailedException("Failed to set state: " + status + (reason == null ? "" : " (" + reason + ")"),
                    Map.of("status_code", reply.statusCode(), "orchestration_result", String.valueOf(status)));
        }
    }

    public static RelatedResource target(String kind, UUID id) {
        return new RelatedResource(Map.of(Resource.ID, kind + "." + id, Resource.ROLE, "target"));
    }

    private static Object detail(HttpReply reply) {
        Map<String, Object> body = OrchestratorClient.object(reply.body() == null ? "" : reply.body());
        return body == null ? null : body.get("detail");
    }
}
