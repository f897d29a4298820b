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
 * Generic webhook (Prefect's Custom Webhook): the block's {@code json_data} with {@code {{subject}}},
 * {@code {{body}}} and {@code {{name}}} replaced in every string, or {@code {"subject": …, "body": …}}
 * when it has none; sent with the block's method and headers.
 */
@Singleton
public class CustomWebhookNotifier extends HttpNotifier {

    public CustomWebhookNotifier(HttpDelivery http, ActuatorConfig config) {
        super(http, config.responseExcerptChars());
    }

    @Override
    public String blockType() {
        return BlockTypeCatalog.CUSTOM_WEBHOOK;
    }

    @Override
    protected List<HttpCall> calls(BlockDocumentEntity block, Notification notification) {
        Map<String, String> values = Map.of("subject", notification.subject(), "body", notification.body(),
                "name", BlockData.string(block, "name", "Vigil"));
        Map<String, Object> template = BlockData.object(block, "json_data");
        Object body = template == null ? defaultBody(notification) : substitute(template, values);
        Map<String, String> headers = new LinkedHashMap<>(BlockData.stringMap(block, "headers"));
        if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            headers.put("Content-Type", "application/json");
        }
        return List.of(new HttpCall(BlockData.string(block, "method", "POST").toUpperCase(),
                BlockData.string(block, "url"), headers, Json.write(body), true, null));
    }

    private static Map<String, Object> defaultBody(Notification notification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", notification.subject());
        body.put("body", notification.body());
        return body;
    }

    static Object substitute(Object value, Map<String, String> values) {
        if (value instanceof String text) {
            String result = text;
            for (Map.Entry<String, String> entry : values.entrySet()) {
                result = result.replace("{{" + entry.getKey() + "}}", entry.getValue())
                        .replace("{{ " + entry.getKey() + " }}", entry.getValue());
            }
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), substitute(v, values)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> substitute(v, values)).toList();
        }
        return value;
    }
}
