package dev.vigil.ingest.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.error.FieldProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON text frames of the event websockets. */
final class Frames {

    static final String AUTH = "auth";
    static final String FILTER = "filter";
    static final String AUTH_SUCCESS = "{\"type\":\"auth_success\"}";
    /** Close codes: the client broke the protocol; the client reads too slowly. */
    static final int PROTOCOL_ERROR = 1002;
    static final int TRY_AGAIN_LATER = 1013;
    /** Close code after a failed authentication (Prefect's server uses it too). */
    static final int POLICY_VIOLATION = 1008;

    private Frames() {
    }

    static String event(ObjectMapper json, ReceivedEvent event) {
        return write(json, Map.of("type", "event", "event", event));
    }

    static String authFailure(ObjectMapper json, String reason) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "auth_failure");
        frame.put("reason", reason);
        return write(json, frame);
    }

    static String error(ObjectMapper json, String detail, List<FieldProblem> problems) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("detail", detail);
        frame.put("exception_detail", problems);
        return write(json, frame);
    }

    private static String write(ObjectMapper json, Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frames are always writable", e);
        }
    }
}
