package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.automation.EditorTools.BlockChoice;
import dev.vigil.console.automation.action.ActionBuilder;
import dev.vigil.console.automation.action.ActionField;
import dev.vigil.console.automation.action.ActionFormView;
import dev.vigil.console.automation.action.ActionInput;
import dev.vigil.console.automation.action.ActionKind;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.PrettyJson;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.action.SendNotification;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The editor's action tools. The block picker lists the workspace's blocks by the action type that can use them
 * ({@code call-webhook}: the {@code webhook} type; {@code send-notification}: the notifier types, as the actuator
 * checks); the action form ({@link ActionKind}) adds an action of any type to one of the document's lists.
 */
@ApplicationScoped
public class ActionEditor {

    static final String CALL_WEBHOOK = CallWebhook.TYPE;
    static final String SEND_NOTIFICATION = SendNotification.TYPE;
    /** The block types each action takes (the actuator's {@code BlockTypeCatalog.WEBHOOK} and {@code NOTIFIERS}). */
    static final Set<String> WEBHOOK_TYPES = Set.of("webhook");
    static final Set<String> NOTIFIER_TYPES = Set.of("slack-webhook", "ms-teams-webhook", "discord-webhook",
            "custom-webhook", "pager-duty-webhook", "twilio-sms", "email");
    /** The most blocks the picker lists (the actuator's page bound). */
    static final int MAX_BLOCKS = 200;

    private final ApiClient api;
    private final TemplateCheck templates;

    public ActionEditor(ApiClient api, TemplateCheck templates) {
        this.api = api;
        this.templates = templates;
    }

    /** The workspace's blocks that an action can name, by name; none when the list cannot be read. */
    public Uni<List<BlockChoice>> blocks(Session user) {
        ObjectNode filter = JsonNodeFactory.instance.objectNode().put("limit", MAX_BLOCKS);
        return api.post(user, VigilService.ACTUATOR, "/block_documents/filter", filter).map(answer -> {
            List<BlockChoice> choices = new ArrayList<>();
            if (!answer.ok()) {
                return choices;
            }
            for (JsonNode block : answer.body()) {
                String type = block.path("block_type_slug").asText(block.path("block_type").path("slug").asText(""));
                String action = actionFor(type);
                if (!action.isEmpty()) {
                    choices.add(new BlockChoice(block.path("id").asText(), block.path("name").asText(), type, action));
                }
            }
            return choices;
        });
    }

    static String actionFor(String blockType) {
        if (WEBHOOK_TYPES.contains(blockType)) {
            return CALL_WEBHOOK;
        }
        return NOTIFIER_TYPES.contains(blockType) ? SEND_NOTIFICATION : "";
    }

    /**
     * The outcome of the action form: the document (with the action when it was added) and the form again;
     * {@code taken} is false when the form was refused (the page answers 422).
     */
    public record Outcome(String document, ActionFormView form, boolean taken) {

        /** The form shown again without a change to the document (another type chosen). */
        public static Outcome shown(String document, ActionFormView form) {
            return new Outcome(document, form, true);
        }
    }

    /**
     * The action form checked: Prefect's JSON for the action when every field is right, else the form again with
     * each field's problem and the values as posted.
     */
    public record Checked(Optional<JsonNode> action, ActionFormView form) {
    }

    /**
     * Adds the action the form describes to {@code document}'s chosen list ({@link #check}), inserted as the shared
     * model writes it. Otherwise the document is left as it was and the form comes back with its values and problems.
     */
    public Uni<Outcome> add(Session user, String document, ActionInput input, List<BlockChoice> blocks) {
        return check(user, input, blocks).map(checked -> checked.action()
                .map(action -> inserted(document, input.kind(), input.targetList(), blocks, action, checked.form()))
                .orElseGet(() -> new Outcome(document, checked.form(), false)));
    }

    /**
     * Checks the action form field by field, then its template fields through the evaluator; the action as the
     * shared model writes it when all pass.
     */
    public Uni<Checked> check(Session user, ActionInput input, List<BlockChoice> blocks) {
        ActionKind kind = input.kind();
        String list = input.targetList();
        Map<String, String> values = new HashMap<>();
        Map<String, String> posted = input.values();
        kind.fields().forEach(f -> values.put(f.name(), posted.getOrDefault(f.name(), "")));
        Set<String> blockIds = blocks.stream().filter(b -> b.actionType().equals(kind.blockAction()))
                .map(BlockChoice::id).collect(Collectors.toSet());
        ActionBuilder.Built built = ActionBuilder.build(kind, values, blockIds);
        ActionFormView asPosted = ActionFormView.of(kind, list, blocks, values, Map.of(), "");
        if (built.action().isEmpty()) {
            return Uni.createFrom().item(new Checked(Optional.empty(),
                    ActionFormView.of(kind, list, blocks, values, built.errors(), "")));
        }
        List<ActionField> templated = kind.fields().stream()
                .filter(f -> f.input() == ActionField.Input.LINE || f.input() == ActionField.Input.TEXT)
                .filter(f -> !values.get(f.name()).isBlank()).toList();
        if (templated.isEmpty()) {
            return Uni.createFrom().item(new Checked(built.action(), asPosted));
        }
        List<Uni<Map.Entry<String, String>>> checks = templated.stream().map(f -> templates
                .problem(user, values.get(f.name())).map(problem -> Map.entry(f.name(), problem))).toList();
        return Uni.join().all(checks).andFailFast().map(results -> {
            Map<String, String> errors = new LinkedHashMap<>();
            results.stream().filter(r -> !r.getValue().isEmpty())
                    .forEach(r -> errors.put(r.getKey(), "Invalid template: " + r.getValue()));
            return errors.isEmpty() ? new Checked(built.action(), asPosted)
                    : new Checked(Optional.empty(), ActionFormView.of(kind, list, blocks, values, errors, ""));
        });
    }

    private static Outcome inserted(String document, ActionKind kind, String list, List<BlockChoice> blocks,
                                    JsonNode action, ActionFormView asPosted) {
        Inserted inserted = insert(document, list, action);
        if (inserted.problem().isPresent()) {
            return new Outcome(document, asPosted.withProblem(inserted.problem().get()), false);
        }
        return new Outcome(inserted.document(), ActionFormView.of(kind, list, blocks, Map.of(), Map.of(),
                "Added a " + kind.type() + " action as " + list + "." + inserted.index() + "."), true);
    }

    /** The document with the action appended to {@code list} at {@code index}, or why it could not be. */
    record Inserted(String document, int index, Optional<String> problem) {
    }

    /** Appends {@code action} to the document's {@code list} (JSON or YAML in; the editor's JSON out). */
    static Inserted insert(String document, String list, JsonNode action) {
        EditorDocument read = EditorDocument.read(document == null || document.isBlank() ? "{}" : document);
        if (!read.ok()) {
            return new Inserted(document, -1,
                    Optional.of("Fix the document first, then add the action (" + read.problem() + ")."));
        }
        ObjectNode automation = (ObjectNode) read.root();
        ArrayNode actions = automation.path(list).isArray() ? (ArrayNode) automation.get(list)
                : automation.putArray(list);
        actions.add(action);
        return new Inserted(PrettyJson.of(automation), actions.size() - 1, Optional.empty());
    }
}
