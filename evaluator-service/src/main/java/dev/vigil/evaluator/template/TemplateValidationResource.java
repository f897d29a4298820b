package dev.vigil.evaluator.template;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /templates/validate}: the template as the body, whatever its content type: raw text, or a JSON
 * string literal as Prefect's client sends it, which is decoded first ({@link TemplateBody}).
 * 204 when the template is fine, else 422 with {@code {"error": {"line", "column", "message", "source"}}}, the
 * line and column of the fault and the source being those of the decoded text.
 * The older {@code /automations/templates/validate} path, which Prefect's UI calls, lives on the
 * automations resource and answers through {@link #respond}.
 */
@Path("/api/templates")
public class TemplateValidationResource {

    private static final int UNPROCESSABLE = 422;

    private final TemplateSyntax syntax;

    public TemplateValidationResource(TemplateSyntax syntax) {
        this.syntax = syntax;
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response validate(String body) {
        return respond(syntax, TemplateBody.decode(body));
    }

    public static Response respond(TemplateSyntax syntax, String template) {
        String source = template == null ? "" : template;
        return syntax.check(source)
                .map(problem -> Response.status(UNPROCESSABLE).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("error", Map.of("line", problem.line(), "column", problem.column(),
                                "message", problem.message(), "source", source)))
                        .build())
                .orElseGet(() -> Response.noContent().build());
    }
}
