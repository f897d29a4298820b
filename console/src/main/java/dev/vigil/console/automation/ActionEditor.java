package dev.vigil.console.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.automation.EditorTools.BlockChoice;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.PrettyJson;
import dev.vigil.model.json.VigilJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The editor's action tools. The block picker lists the workspace's blocks by the action type that can use them
 * ({@code call-webhook}: the {@code webhook} type; {@code send-notification}: the notifier types, as the actuator
 * checks) and adds an action naming the chosen one to the document.
 */
@ApplicationScoped
public class ActionEditor {

    static final String CALL_WEBHOOK = "call-webhook";
    static final String SEND_NOTIFICATION = "send-notification";
    /** The block types each action takes (the actuator's {@code BlockTypeCatalog.WEBHOOK} and {@code NOTIFIERS}). */
    static final Set<String> WEBHOOK_TYPES = Set.of("webhook");
    static final Set<String> NOTIFIER_TYPES = Set.of("slack-webhook", "ms-teams-webhook", "discord-webhook",
            "custom-webhook", "pager-duty-webhook", "twilio-sms", "email");
    /** The most blocks the picker lists (the actuator's page bound). */
    static final int MAX_BLOCKS = 200;

    private static final ObjectMapper JSON = VigilJson.mapper();

    private final ApiClient api;

    public ActionEditor(ApiClient api) {
        this.api = api;
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

    /** The outcome of adding an action: the new document, or why it could not be added. */
    public record Added(String document, Optional<String> problem) {
    }

    /** Appends to {@code document}'s actions one that names the chosen block, with Prefect's default templates. */
    public static Added addAction(String document, String blockId, List<BlockChoice> blocks) {
        Optional<BlockChoice> chosen = blocks.stream().filter(b -> b.id().equals(blockId)).findFirst();
        if (chosen.isEmpty()) {
            return new Added(document, Optional.of("Choose a block of this workspace."));
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(document == null || document.isBlank() ? "{}" : document);
        } catch (JsonProcessingException e) {
            return new Added(document, Optional.of("The document is not JSON yet: fix it, then add the action."));
        }
        if (!parsed.isObject()) {
            return new Added(document, Optional.of("The document must be a JSON object."));
        }
        ObjectNode automation = (ObjectNode) parsed;
        ArrayNode actions = automation.path("actions").isArray() ? (ArrayNode) automation.get("actions")
                : automation.putArray("actions");
        BlockChoice block = chosen.get();
        ObjectNode action = actions.addObject().put("type", block.actionType()).put("block_document_id", block.id());
        if (CALL_WEBHOOK.equals(block.actionType())) {
            action.put("payload", "{\"event\": \"{{ event.event }}\", \"resource\": \"{{ event.resource.id }}\"}");
        } else {
            action.put("subject", "{{ automation.name }} fired");
            action.put("body", "{{ event.event }} from {{ event.resource.id }} at {{ event.occurred }}");
        }
        return new Added(PrettyJson.of(automation), Optional.empty());
    }
}
