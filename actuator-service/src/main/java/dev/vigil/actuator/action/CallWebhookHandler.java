package dev.vigil.actuator.action;

import dev.vigil.actuator.block.BlockDocumentEntity;
import dev.vigil.actuator.block.BlockDocumentService;
import dev.vigil.actuator.block.BlockTypeCatalog;
import dev.vigil.actuator.template.ActionTemplates;
import dev.vigil.actuator.webhook.WebhookCaller;
import dev.vigil.actuator.webhook.WebhookRequest;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code call-webhook}: renders the payload and calls the URL of a webhook block. */
@ApplicationScoped
public class CallWebhookHandler implements ActionHandler {

    private final BlockDocumentService blocks;
    private final ActionTemplates templates;
    private final WebhookCaller caller;

    public CallWebhookHandler(BlockDocumentService blocks, ActionTemplates templates, WebhookCaller caller) {
        this.blocks = blocks;
        this.templates = templates;
        this.caller = caller;
    }

    @Override
    public String type() {
        return CallWebhook.TYPE;
    }

    @Override
    public Uni<ActionResult> execute(ActionMessage message) {
        CallWebhook action = (CallWebhook) message.action();
        return blocks.load(message.workspaceId(), action.blockDocumentId()).chain(block -> {
            if (block == null) {
                throw new ActionFailedException("Block document " + action.blockDocumentId() + " not found");
            }
            if (!BlockTypeCatalog.WEBHOOK.equals(block.blockTypeSlug)) {
                throw new ActionFailedException("Block document " + block.id + " is a '" + block.blockTypeSlug
                        + "' block, not a webhook");
            }
            String payload = templates.render(action.payload(), message);
            return caller.call(request(block, payload, message)).map(response -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("status_code", response.statusCode());
                details.put("response_body", response.bodyExcerpt());
                if (!response.successful()) {
                    throw new ActionFailedException("Unexpected status from 'call-webhook' action: "
                            + response.statusCode(), details);
                }
                return new ActionResult(details, related(block));
            });
        });
    }

    @SuppressWarnings("unchecked")
    private static WebhookRequest request(BlockDocumentEntity block, String payload, ActionMessage message) {
        Map<String, String> headers = block.data.get("headers") instanceof Map<?, ?> h
                ? (Map<String, String>) h : Map.of();
        String method = (String) block.data.getOrDefault("method", "POST");
        return new WebhookRequest(method, (String) block.data.get("url"), headers, payload, message.idempotencyKey());
    }

    private static List<RelatedResource> related(BlockDocumentEntity block) {
        return List.of(
                new RelatedResource(Map.of(Resource.ID, "prefect.block-document." + block.id,
                        Resource.ROLE, "block", Resource.NAME, block.name)),
                new RelatedResource(Map.of(Resource.ID, "prefect.block-type." + block.blockTypeSlug,
                        Resource.ROLE, "block-type")));
    }
}
