package dev.vigil.actuator.notification;

import dev.vigil.actuator.block.BlockDocumentEntity;
import dev.vigil.actuator.block.BlockTypeCatalog;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.HttpCall;
import dev.vigil.actuator.delivery.HttpDelivery;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft Teams webhook (Workflows, and the retired Office 365 connectors alike): a {@code message}
 * with one Adaptive Card attachment, the subject as a bold heading and the body as wrapped text.
 */
@Singleton
public class TeamsNotifier extends HttpNotifier {

    static final String CARD_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    static final String CARD_VERSION = "1.4";

    public TeamsNotifier(HttpDelivery http, ActuatorConfig config) {
        super(http, config.responseExcerptChars());
    }

    @Override
    public String blockType() {
        return BlockTypeCatalog.TEAMS;
    }

    @Override
    protected List<HttpCall> calls(BlockDocumentEntity block, Notification notification) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", CARD_SCHEMA);
        card.put("type", "AdaptiveCard");
        card.put("version", CARD_VERSION);
        card.put("body", List.of(
                Map.of("type", "TextBlock", "text", notification.subject(), "weight", "Bolder", "size", "Medium",
                        "wrap", true),
                Map.of("type", "TextBlock", "text", notification.body(), "wrap", true)));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", CARD_TYPE);
        attachment.put("content", card);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("attachments", List.of(attachment));
        return List.of(new HttpCall("POST", BlockData.string(block, "url"),
                Map.of("Content-Type", "application/json"), Json.write(message), true, null));
    }
}
