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
 * PagerDuty Events API v2: {@code POST /v2/enqueue} with a {@code trigger} event whose summary is the
 * subject, the body in {@code custom_details}, the block's severity, source and component, and the
 * action's idempotency key as {@code dedup_key} (so a repeated delivery updates one alert).
 */
@Singleton
public class PagerDutyNotifier extends HttpNotifier {

    private final String url;
    private final int summaryChars;

    public PagerDutyNotifier(HttpDelivery http, ActuatorConfig config) {
        super(http, config.responseExcerptChars());
        this.url = config.notifications().pagerdutyUrl();
        this.summaryChars = config.notifications().pagerdutySummaryChars();
    }

    @Override
    public String blockType() {
        return BlockTypeCatalog.PAGERDUTY;
    }

    @Override
    protected List<HttpCall> calls(BlockDocumentEntity block, Notification notification) {
        Map<String, Object> payload = new LinkedHashMap<>();
        String summary = notification.subject();
        payload.put("summary", summary.length() <= summaryChars ? summary : summary.substring(0, summaryChars));
        payload.put("severity", BlockData.string(block, "severity", "info"));
        payload.put("source", BlockData.string(block, "source", "Prefect"));
        payload.put("component", BlockData.string(block, "component", "Notification"));
        putIfSet(payload, "group", BlockData.string(block, "group"));
        putIfSet(payload, "class", BlockData.string(block, "class_id"));
        payload.put("custom_details", Map.of("body", notification.body()));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", BlockData.string(block, "integration_key"));
        event.put("event_action", "trigger");
        event.put("dedup_key", notification.idempotencyKey());
        event.put("payload", payload);
        String link = BlockData.string(block, "clickable_url");
        if (link != null) {
            event.put("links", List.of(Map.of("href", link, "text", "Open")));
        }
        return List.of(new HttpCall("POST", url, Map.of("Content-Type", "application/json"), Json.write(event), false,
                null));
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
