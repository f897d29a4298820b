package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the deployment triggers of a {@code prefect.yaml} ({@code deployments[].triggers}) or of a trigger
 * file ({@code triggers:}, as {@code prefect deploy --trigger} reads) into automation definitions, as
 * Prefect's CLI does: each trigger becomes an automation owned by its deployment
 * ({@code owner_resource: prefect.deployment.<id>}), named by the trigger or
 * {@code <deployment name>__automation_<n>}, whose one action is {@code run-deployment} of that deployment
 * with the trigger's {@code parameters}, {@code job_variables} and {@code schedule_after}.
 * <p>
 * A deployment is named by id: {@code deployment_id} on its entry, or the request's {@code deployment_id}
 * when the document has one deployment or is a trigger file.
 */
final class DeploymentTriggers {

    /** Keys of a deployment trigger that belong to the automation or its action, not to the trigger. */
    private static final Set<String> AUTOMATION_KEYS = Set.of("name", "description", "enabled");
    private static final Set<String> ACTION_KEYS = Set.of("parameters", "job_variables", "schedule_after");
    private static final String OWNER_PREFIX = "prefect.deployment.";

    private final ObjectMapper json;

    DeploymentTriggers(ObjectMapper json) {
        this.json = json;
    }

    /** True when the document is a {@code prefect.yaml} or a trigger file rather than automations. */
    static boolean describes(JsonNode root) {
        return root != null && root.isObject() && !root.has("automations")
                && (root.has("deployments") || root.has("triggers") && !root.has("trigger"));
    }

    /** Adds the document's automations, their locations and the deployments they replace to {@code into}. */
    void read(JsonNode root, Optional<UUID> requestDeployment, Collector into) {
        if (root.has("deployments")) {
            JsonNode deployments = root.get("deployments");
            if (!deployments.isArray()) {
                throw problem("Input should be a valid list", "list_type", "deployments");
            }
            for (int i = 0; i < deployments.size(); i++) {
                JsonNode deployment = deployments.get(i);
                if (!deployment.isObject()) {
                    throw problem("Input should be a valid dictionary", "dict_type", "deployments", i);
                }
                Optional<UUID> fallback = deployments.size() == 1 ? requestDeployment : Optional.empty();
                readDeployment((ObjectNode) deployment, fallback, into, "deployments", i);
            }
            return;
        }
        UUID deploymentId = requestDeployment.orElseThrow(() -> new ValidationProblemException(new FieldProblem(
                List.of("query", "deployment_id"),
                "A trigger file names no deployment: give the request's deployment_id query parameter", "missing")));
        readTriggers(root.get("triggers"), deploymentId, deploymentId.toString(), into, List.of());
    }

    private void readDeployment(ObjectNode deployment, Optional<UUID> fallback, Collector into, Object... at) {
        JsonNode triggers = deployment.get("triggers");
        if (triggers == null || triggers.isNull()) {
            return;
        }
        String name = deployment.path("name").asText("");
        UUID id = deploymentId(deployment, at).or(() -> fallback).orElseThrow(() -> problem(
                "Deployment '" + name + "' has triggers but no deployment_id: give its id, on the entry or as "
                        + "the request's deployment_id query parameter", "missing", append(at, "deployment_id")));
        readTriggers(triggers, id, name.isBlank() ? id.toString() : name, into, List.of(at));
    }

    private static Optional<UUID> deploymentId(ObjectNode deployment, Object... at) {
        JsonNode id = deployment.get("deployment_id");
        if (id == null || id.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.asText()));
        } catch (IllegalArgumentException e) {
            throw problem("Input should be a valid UUID", "uuid_parsing", append(at, "deployment_id"));
        }
    }

    private void readTriggers(JsonNode triggers, UUID deploymentId, String deploymentName, Collector into,
                              List<Object> at) {
        Object[] listAt = append(at.toArray(), "triggers");
        if (triggers == null || !triggers.isArray()) {
            throw problem("Input should be a valid list", "list_type", listAt);
        }
        String owner = OWNER_PREFIX + deploymentId;
        into.owner(owner);
        for (int j = 0; j < triggers.size(); j++) {
            Object[] triggerAt = append(listAt, j);
            if (!triggers.get(j).isObject()) {
                throw problem("Input should be a valid dictionary", "dict_type", triggerAt);
            }
            ObjectNode spec = (ObjectNode) triggers.get(j);
            into.add(automation(spec, deploymentId, deploymentName + "__automation_" + (j + 1), owner),
                    List.of(triggerAt));
        }
    }

    private ObjectNode automation(ObjectNode spec, UUID deploymentId, String defaultName, String owner) {
        ObjectNode trigger = json.createObjectNode();
        spec.fields().forEachRemaining(field -> {
            if (!AUTOMATION_KEYS.contains(field.getKey()) && !ACTION_KEYS.contains(field.getKey())) {
                trigger.set(field.getKey(), field.getValue());
            }
        });
        withClientDefaults(trigger);
        ObjectNode action = json.createObjectNode();
        action.put("type", "run-deployment");
        action.put("source", "selected");
        action.put("deployment_id", deploymentId.toString());
        ACTION_KEYS.forEach(key -> {
            if (spec.has(key)) {
                action.set(key, spec.get(key));
            }
        });
        ObjectNode automation = json.createObjectNode();
        JsonNode name = spec.get("name");
        automation.put("name", name == null || name.isNull() ? defaultName : name.asText());
        if (spec.has("description")) {
            automation.set("description", spec.get("description"));
        }
        if (spec.has("enabled")) {
            automation.set("enabled", spec.get("enabled"));
        }
        automation.set("trigger", trigger);
        ArrayNode actions = automation.putArray("actions");
        actions.add(action);
        automation.put("owner_resource", owner);
        return automation;
    }

    /**
     * What Prefect's client models fill in before they send a trigger: the type, and an event trigger's
     * {@code Reactive} posture (the server requires one), in nested triggers too.
     */
    private static void withClientDefaults(ObjectNode trigger) {
        if (!trigger.has("type")) {
            trigger.put("type", triggerType(trigger));
        }
        if ("event".equals(trigger.path("type").asText()) && !trigger.has("posture")) {
            trigger.put("posture", "Reactive");
        }
        JsonNode children = trigger.get("triggers");
        if (children != null && children.isArray()) {
            children.forEach(child -> {
                if (child.isObject()) {
                    withClientDefaults((ObjectNode) child);
                }
            });
        }
    }

    /** Prefect's rule for a deployment trigger without {@code type}. */
    private static String triggerType(ObjectNode spec) {
        if ("Metric".equals(spec.path("posture").asText())) {
            return "metric";
        }
        if (spec.has("triggers")) {
            return spec.has("require") ? "compound" : "sequence";
        }
        return "event";
    }

    private static Object[] append(Object[] at, Object last) {
        Object[] longer = java.util.Arrays.copyOf(at, at.length + 1);
        longer[at.length] = last;
        return longer;
    }

    private static ValidationProblemException problem(String message, String type, Object... at) {
        return new ValidationProblemException(FieldProblem.body(message, type, at));
    }

    /** Receives the definitions as they are read. */
    interface Collector {
        void add(ObjectNode automation, List<Object> location);

        void owner(String owner);
    }
}
