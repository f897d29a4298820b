package dev.vigil.support.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.vigil.model.validation.ModelValidationException;
import io.smallrye.mutiny.CompositeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns expected failures into 4xx JSON bodies. Deliberately no catch-all: an unexpected
 * exception stays a 500 so it is seen and fixed.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalid(ValidationProblemException e) {
        return ErrorBodies.invalid(e.problems());
    }

    /** A definition that breaks the model's rules; locations are relative to the request body. */
    @ServerExceptionMapper
    public Response invalidModel(ModelValidationException e) {
        return ErrorBodies.invalid(e.problems().stream().map(FieldProblem::inBody).toList());
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformedJson(JsonProcessingException e) {
        return ErrorBodies.invalid(List.of(describe(e)));
    }

    /** More specific than Quarkus' own mapper for this type, which answers 400 with no field. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        if (cause instanceof ValidationProblemException problem) {
            return invalid(problem);
        }
        Response response = e.getResponse();
        return ErrorBodies.detail(response.getStatus(), response.getStatusInfo().getReasonPhrase());
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        for (Throwable cause : e.getCauses()) {
            if (cause instanceof ValidationProblemException problem) {
                return invalid(problem);
            }
            if (cause instanceof ModelValidationException problem) {
                return invalidModel(problem);
            }
        }
        throw e;
    }

    /** A Jackson failure as the client sees it: located under {@code body}, in Pydantic's words, no Java names. */
    public static FieldProblem describe(JsonProcessingException e) {
        if (e instanceof JsonParseException || isTruncated(e)) {
            return FieldProblem.body("JSON decode error: " + JsonErrorMessages.forClient(e.getOriginalMessage()),
                    "json_invalid");
        }
        if (e instanceof JsonMappingException mapping) {
            List<Object> loc = new ArrayList<>();
            loc.add("body");
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
            }
            String type = e instanceof InvalidTypeIdException ? "union_tag_invalid" : "value_error";
            String msg = rootMessage(mapping);
            return new FieldProblem(List.copyOf(loc), msg, type);
        }
        return FieldProblem.body(JsonErrorMessages.forClient(e.getOriginalMessage()), "value_error");
    }

    /** Jackson reports a body cut short as a mapping problem; to the client it is broken JSON. */
    private static boolean isTruncated(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message != null && (message.startsWith("Unexpected end-of-input") || message.startsWith("No content"));
    }

    private static String rootMessage(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JsonProcessingException json ? json.getOriginalMessage() : root.getMessage();
        return JsonErrorMessages.forClient(message);
    }
}
