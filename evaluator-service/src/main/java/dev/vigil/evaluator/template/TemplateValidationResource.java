package dev.vigil.evaluator.template;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /templates/validate}: the raw template text as the body, whatever its content type.
 * 204 when the template is fine, else 422 with {@code {"error": {"line", "message", "source"}}}.
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
    public Response validate(String template) {
        return respond(syntax, template);
    }

    public static Response respond(TemplateSyntax syntax, String template) {
        String source = template == null ? "" : template;
        return syntax.check(source)
                .map(problem -> Response.status(UNPROCESSABLE).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("error", Map.of("line", problem.line(), "message", problem.message(),
                                "source", source)))
                        .build())
                .orElseGet(() -> Response.noContent().build());
    }
}
