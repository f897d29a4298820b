package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.EventIds;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.json.VigilJson;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Builds the lifecycle events of automations: {@code prefect.automation.created|updated|deleted}. */
public final class AutomationEvents {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private AutomationEvents() {
    }

    public static ReceivedEvent lifecycle(String change, Automation automation) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Resource resource = new Resource(Map.of(
                Resource.ID, automation.resourceId(),
                Resource.NAME, automation.name()));
        List<RelatedResource> related = List.of();
        Map<String, Object> payload = VigilJson.mapper().convertValue(automation, MAP);
        return new ReceivedEvent(now, "prefect.automation." + change, resource, related, payload, EventIds.uuid7(),
                null, now);
    }
}
