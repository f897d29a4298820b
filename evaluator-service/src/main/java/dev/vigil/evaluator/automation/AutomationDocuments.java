package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.support.error.ErrorMappers;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.json.NulCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads definitions-as-code documents, in JSON or YAML: one automation, a list of them, an object with
 * an {@code automations} list (the layout of Prefect's {@code automation.yaml}), or deployment triggers
 * (a {@code prefect.yaml}'s {@code deployments[].triggers}, or a trigger file's {@code triggers}; see
 * {@link DeploymentTriggers}).
 */
@ApplicationScoped
public class AutomationDocuments {

    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final DeploymentTriggers deploymentTriggers;

    public AutomationDocuments(ObjectMapper json) {
        this.json = json;
        this.yaml = json.copyWith(new YAMLFactory());
        this.deploymentTriggers = new DeploymentTriggers(json);
    }

    /** @param deploymentId the deployment a trigger file (or a one-deployment {@code prefect.yaml}) is for */
    public ApplyDocument read(String body, boolean isYaml, Optional<UUID> deploymentId) {
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
        List<AutomationCreate> definitions = new ArrayList<>();
        List<List<Object>> locations = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>();
        if (DeploymentTriggers.describes(root)) {
            deploymentTriggers.read(root, deploymentId, new DeploymentTriggers.Collector() {
                @Override
                public void add(ObjectNode automation, List<Object> location) {
                    definitions.add(definition(automation, location));
                    locations.add(location);
                }

                @Override
                public void owner(String owner) {
                    owners.add(owner);
                }
            });
            return new ApplyDocument(definitions, locations, owners);
        }
        ArrayNode items = items(root);
        for (int i = 0; i < items.size(); i++) {
            List<Object> location = List.of("automations", i);
            definitions.add(definition(items.get(i), location));
            locations.add(location);
        }
        return new ApplyDocument(definitions, locations, owners);
    }

    private AutomationCreate definition(JsonNode item, List<Object> location) {
        try {
            return json.treeToValue(item, AutomationCreate.class);
        } catch (JsonProcessingException e) {
            // Located under the definition's place in the document: body, automations, i, trigger, ...
            FieldProblem problem = ErrorMappers.describe(e);
            List<Object> loc = new ArrayList<>(List.of("body"));
            loc.addAll(location);
            loc.addAll(problem.loc().subList(1, problem.loc().size()));
            throw new ValidationProblemException(new FieldProblem(List.copyOf(loc), problem.msg(), problem.type()));
        }
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
