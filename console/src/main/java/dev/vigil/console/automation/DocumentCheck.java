package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.session.Session;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The editor's check as you type: the document's JSON or YAML syntax (line and column), then every action template
 * field through {@code /api/templates/validate} (line and message). The rest is checked by the API on save.
 */
@ApplicationScoped
public class DocumentCheck {

    private static final List<String> ACTION_LISTS = List.of("actions", "actions_on_trigger", "actions_on_resolve");
    /** A string field is a template when it holds a Jinja expression or statement. */
    private static final List<String> TEMPLATE_MARKS = List.of("{{", "{%");
    private static final int UNPROCESSABLE = 422;

    private final ApiClient api;

    public DocumentCheck(ApiClient api) {
        this.api = api;
    }

    /** The problems found, each "where: what"; empty when none. */
    public Uni<List<String>> check(Session user, String document) {
        EditorDocument read = EditorDocument.read(document);
        if (!read.ok()) {
            return Uni.createFrom().item(List.of(read.problem()));
        }
        JsonNode root = read.root();
        List<Map.Entry<String, String>> templates = new ArrayList<>();
        for (String list : ACTION_LISTS) {
            JsonNode actions = root.path(list);
            for (int i = 0; i < actions.size(); i++) {
                String prefix = list + "." + i + ".";
                actions.get(i).fields().forEachRemaining(field -> {
                    if (field.getValue().isTextual() && isTemplate(field.getValue().asText())) {
                        templates.add(Map.entry(prefix + field.getKey(), field.getValue().asText()));
                    }
                });
            }
        }
        if (templates.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<String>> checks = templates.stream().map(template -> api
                .post(user, VigilService.EVALUATOR, "/templates/validate", template.getValue())
                .map(answer -> answer.status() == UNPROCESSABLE
                        ? template.getKey() + ": line " + answer.body().path("error").path("line").asText("?") + ": "
                                + answer.body().path("error").path("message").asText()
                        : "")).toList();
        return Uni.join().all(checks).andFailFast()
                .map(results -> results.stream().filter(problem -> !problem.isEmpty()).toList());
    }

    private static boolean isTemplate(String text) {
        return TEMPLATE_MARKS.stream().anyMatch(text::contains);
    }
}
