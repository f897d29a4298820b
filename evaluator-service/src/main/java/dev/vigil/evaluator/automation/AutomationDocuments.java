package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.json.NulCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads definitions-as-code documents, in JSON or YAML: one automation, a list of them, or an
 * object with an {@code automations} list (the layout of Prefect's {@code automation.yaml}).
 */
@ApplicationScoped
public class AutomationDocuments {

    private final ObjectMapper json;
    private final ObjectMapper yaml;

    public AutomationDocuments(ObjectMapper json) {
        this.json = json;
        this.yaml = json.copyWith(new YAMLFactory());
    }

    public List<AutomationCreate> read(String body, boolean isYaml) {
        JsonNode root;
        try {
            root = (isYaml ? yaml : json).readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new ValidationProblemException(FieldProblem.body(
                    (isYaml ? "YAML" : "JSON") + " decode error: " + e.getOriginalMessage(), "json_invalid"));
        }
        // A JSON body was checked on the way in (@CheckedJson); YAML can spell a NUL as "\0" too.
        if (root != null) {
            NulCheck.find(root).ifPresent(problem -> {
                throw new ValidationProblemException(problem);
            });
        }
        ArrayNode items = items(root);
        List<AutomationCreate> definitions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                definitions.add(json.treeToValue(items.get(i), AutomationCreate.class));
            } catch (JsonProcessingException e) {
                throw new ValidationProblemException(FieldProblem.body(e.getOriginalMessage(), "value_error",
                        "automations", i));
            }
        }
        return definitions;
    }

    private ArrayNode items(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing"));
        }
        if (root.isArray()) {
            return (ArrayNode) root;
        }
        if (root.isObject() && root.has("automations")) {
            JsonNode list = root.get("automations");
            if (!list.isArray()) {
                throw new ValidationProblemException(FieldProblem.body("Input should be a valid list", "list_type",
                        "automations"));
            }
            return (ArrayNode) list;
        }
        if (root.isObject()) {
            return json.createArrayNode().add(root);
        }
        throw new ValidationProblemException(FieldProblem.body("Expected an automation, a list of automations, "
                + "or an object with an 'automations' list", "model_type"));
    }
}
