package dev.vigil.actuator.notification;

import dev.vigil.actuator.block.BlockDocumentEntity;
import dev.vigil.actuator.block.BlockTypeCatalog;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.HttpCall;
import dev.vigil.actuator.delivery.HttpDelivery;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Slack incoming webhook: {@code POST <url>} with {@code {"text": "*<subject>*\n<body>"}} in Slack's
 * mrkdwn, where {@code &}, {@code <} and {@code >} must be escaped.
 */
@Singleton
public class SlackNotifier extends HttpNotifier {

    public SlackNotifier(HttpDelivery http, ActuatorConfig config) {
        super(http, config.responseExcerptChars());
    }

    @Override
    public String blockType() {
        return BlockTypeCatalog.SLACK;
    }

    @Override
    protected List<HttpCall> calls(BlockDocumentEntity block, Notification notification) {
        String text = "*" + escape(notification.subject()) + "*\n" + escape(notification.body());
        return List.of(new HttpCall("POST", BlockData.string(block, "url"),
                Map.of("Content-Type", "application/json"), Json.write(Map.of("text", text)), true, null));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
