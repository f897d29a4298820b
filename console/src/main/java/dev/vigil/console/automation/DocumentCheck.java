package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.automation.action.ActionKinds;
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

    private final TemplateCheck templateCheck;

    public DocumentCheck(TemplateCheck templateCheck) {
        this.templateCheck = templateCheck;
    }

    /** The problems found, each "where: what"; empty when none. */
    public Uni<List<String>> check(Session user, String document) {
        EditorDocument read = EditorDocument.read(document);
        if (!read.ok()) {
            return Uni.createFrom().item(List.of(read.problem()));
        }
        JsonNode root = read.root();
        List<Map.Entry<String, String>> templates = new ArrayList<>();
        for (String list : ActionKinds.LISTS) {
            JsonNode actions = root.path(list);
            for (int i = 0; i < actions.size(); i++) {
                String prefix = list + "." + i + ".";
                actions.get(i).fields().forEachRemaining(field -> {
                    if (field.getValue().isTextual() && TemplateCheck.isTemplate(field.getValue().asText())) {
                        templates.add(Map.entry(prefix + field.getKey(), field.getValue().asText()));
                    }
                });
            }
        }
        if (templates.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<String>> checks = templates.stream().map(template -> templateCheck
                .problem(user, template.getValue())
                .map(problem -> problem.isEmpty() ? "" : template.getKey() + ": " + problem)).toList();
        return Uni.join().all(checks).andFailFast()
                .map(results -> results.stream().filter(problem -> !problem.isEmpty()).toList());
    }
}
