package dev.vigil.support.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of error responses, in Prefect's shapes. Request bodies are never echoed (they may hold secrets). */
public final class ErrorBodies {

    public static final int UNPROCESSABLE = 422;

    private ErrorBodies() {
    }

    public static Response invalid(List<FieldProblem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exception_message", "Invalid request received.");
        body.put("exception_detail", problems);
        return Response.status(UNPROCESSABLE).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    public static Response detail(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("detail", detail)).build();
    }
}
