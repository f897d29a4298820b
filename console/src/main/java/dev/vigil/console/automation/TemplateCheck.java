package dev.vigil.console.automation;

import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.ApiResponse;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.session.Session;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** One template field checked through {@code /api/templates/validate}: its problem with line, or none. */
@ApplicationScoped
public class TemplateCheck {

    /** A string field is a template when it holds a Jinja expression or statement. */
    private static final List<String> TEMPLATE_MARKS = List.of("{{", "{%");

    private final ApiClient api;

    public TemplateCheck(ApiClient api) {
        this.api = api;
    }

    static boolean isTemplate(String text) {
        return TEMPLATE_MARKS.stream().anyMatch(text::contains);
    }

    /** "line N: message" when the evaluator refuses {@code template}; "" when it takes it (or it is plain text). */
    public Uni<String> problem(Session user, String template) {
        if (!isTemplate(template)) {
            return Uni.createFrom().item("");
        }
        return api.post(user, VigilService.EVALUATOR, "/templates/validate", template)
                .map(answer -> answer.status() == ApiResponse.UNPROCESSABLE
                        ? "line " + answer.body().path("error").path("line").asText("?") + ": "
                                + answer.body().path("error").path("message").asText()
                        : "");
    }
}
