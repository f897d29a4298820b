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
 * Discord webhook: {@code POST <base>/<webhook_id>/<webhook_token>} with
 * {@code {"content": "**<subject>**\n<body>", "tts": …, "username": <botname>}}; content is cut to
 * Discord's 2000 characters, and mentions are disabled so a rendered body cannot ping everyone.
 */
@Singleton
public class DiscordNotifier extends HttpNotifier {

    static final int MAX_CONTENT_CHARS = 2000;

    private final String baseUrl;

    public DiscordNotifier(HttpDelivery http, ActuatorConfig config) {
        super(http, config.responseExcerptChars());
        String base = config.notifications().discordUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String blockType() {
        return BlockTypeCatalog.DISCORD;
    }

    @Override
    protected List<HttpCall> calls(BlockDocumentEntity block, Notification notification) {
        String content = "**" + notification.subject() + "**\n" + notification.body();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("content", content.length() <= MAX_CONTENT_CHARS ? content : content.substring(0, MAX_CONTENT_CHARS));
        message.put("tts", BlockData.bool(block, "tts"));
        String botname = BlockData.string(block, "botname");
        if (botname != null) {
            message.put("username", botname);
        }
        message.put("allowed_mentions", Map.of("parse", List.of()));
        String url = baseUrl + "/" + BlockData.string(block, "webhook_id") + "/" + BlockData.string(block, "webhook_token");
        return List.of(new HttpCall("POST", url, Map.of("Content-Type", "application/json"), Json.write(message), true,
                null));
    }
}
