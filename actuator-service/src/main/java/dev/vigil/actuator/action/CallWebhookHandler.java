package dev.vigil.actuator.action;

import dev.vigil.actuator.block.BlockDocumentEntity;
import dev.vigil.actuator.block.BlockDocumentService;
import dev.vigil.actuator.block.BlockTypeCatalog;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.delivery.HttpCall;
import dev.vigil.actuator.delivery.HttpDelivery;
import dev.vigil.actuator.template.ActionTemplates;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code call-webhook}: renders the payload and calls the URL of a webhook block, signed with
 * Standard Webhooks headers when the block has a secret. Any 2xx is success.
 */
@ApplicationScoped
public class CallWebhookHandler implements ActionHandler {

    private final BlockDocumentService blocks;
    private final ActionTemplates templates;
    private final HttpDelivery http;
    private final int excerptChars;
    private final CausalHeaders causal;

    public CallWebhookHandler(BlockDocumentService blocks, ActionTemplates templates, HttpDelivery http,
                              ActuatorConfig config, CausalHeaders causal) {
        this.blocks = blocks;
        this.templates = templates;
        this.http = http;
        this.excerptChars = config.responseExcerptChars();
        this.causal = causal;
    }

    @Override
    public String type() {
        return CallWebhook.TYPE;
    }

    @Override
    public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
        CallWebhook action = (CallWebhook) message.action();
        return blocks.loadOfType(message.workspaceId(), action.blockDocumentId(), BlockTypeCatalog.WEBHOOK)
                .chain(block -> templates.render(action.payload(), message)
                        .chain(payload -> http.send(delivery, call(block, payload, causal.of(message))))
                        .map(reply -> {
                            Map<String, Object> details = new LinkedHashMap<>();
                            details.put("status_code", reply.statusCode());
                            details.put("response_body", reply.excerpt(excerptChars));
                            if (!reply.successful()) {
                                throw new ActionFailedException("Unexpected status from 'call-webhook' action: "
                                        + reply.statusCode(), details);
                            }
                            return new ActionResult(details, BlockDocumentService.related(block));
                        }));
    }

    @SuppressWarnings("unchecked")
    private static HttpCall call(BlockDocumentEntity block, String payload, Map<String, String> causalHeaders) {
        Map<String, String> headers = CausalHeaders.onto(block.data.get("headers") instanceof Map<?, ?> h
                ? (Map<String, String>) h : Map.of(), causalHeaders);
        if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            headers.put("Content-Type", JsonText.isJsonDocument(payload) ? "application/json"
                    : "text/plain; charset=utf-8");
        }
        String method = ((String) block.data.getOrDefault("method", "POST")).toUpperCase();
        String secret = block.data.get("secret") instanceof String s && !s.isEmpty() ? s : null;
        return new HttpCall(method, (String) block.data.get("url"), headers, payload, true, secret);
    }
}
