package dev.vigil.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's answer: its status, JSON body ({@code MissingNode} when it had none or it was not JSON) and entity tag
 * ({@code ETag}, null when it sent none).
 */
public record ApiResponse(int status, JsonNode body, String etag) {

    private static final int OK_LOW = 200;
    private static final int OK_HIGH = 299;
    public static final int UNPROCESSABLE = 422;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int PRECONDITION_FAILED = 412;

    public ApiResponse(int status, JsonNode body) {
        this(status, body, null);
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, MissingNode.getInstance());
    }

    public boolean ok() {
        return status >= OK_LOW && status <= OK_HIGH;
    }

    /** This answer when it is a success; otherwise the failure a page shows. */
    public ApiResponse orFail(String what) {
        if (ok()) {
            return this;
        }
        throw new ApiFailureException(what, status, detail());
    }

    /**
     * The problems of a 422 (Prefect's {@code exception_detail}: {@code loc} and {@code msg}), with the
     * {@code body} root left out of the path; a single {@code detail} message otherwise.
     */
    public List<FieldError> fieldErrors() {
        List<FieldError> errors = new ArrayList<>();
        JsonNode details = body.path("exception_detail");
        if (details.isArray()) {
            for (JsonNode problem : details) {
                List<String> path = new ArrayList<>();
                for (JsonNode part : problem.path("loc")) {
                    path.add(part.asText());
                }
                if (!path.isEmpty() && path.get(0).equals("body")) {
                    path.remove(0);
                }
                errors.add(new FieldError(path.isEmpty() ? "(whole document)" : String.join(".", path),
                        problem.path("msg").asText("invalid")));
            }
        }
        if (errors.isEmpty()) {
            errors.add(new FieldError("(whole document)", detail()));
        }
        return errors;
    }

    /** The error's {@code detail} text (or its message), for a banner. */
    public String detail() {
        JsonNode detail = body.path("detail");
        if (detail.isTextual()) {
            return detail.asText();
        }
        if (body.path("exception_message").isTextual()) {
            return body.path("exception_message").asText();
        }
        return "HTTP " + status;
    }

    /**
     * One problem with a submitted document: where ({@code trigger.threshold}) and what. Template data: the forms'
     * shared {@code formErrors} tag reads it without a type check.
     */
    @TemplateData
    public record FieldError(String path, String message) {
    }
}
