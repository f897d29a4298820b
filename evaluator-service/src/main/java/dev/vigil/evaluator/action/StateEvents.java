package dev.vigil.evaluator.action;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.causal.CausalChain;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.id.NameUuids;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.MetricTrigger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds {@code prefect.automation.triggered} / {@code .resolved} events in Prefect's shape. */
public final class StateEvents {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private StateEvents() {
    }

    /** {@code prefect.automation.triggered} or {@code .resolved}, after the firing's state. */
    public static ReceivedEvent stateChange(Automation automation, Firing firing) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Resource.ID, automation.resourceId());
        labels.put(Resource.NAME, automation.name());
        if (automation.trigger() instanceof EventTrigger trigger) {
            labels.put("prefect.posture", trigger.posture().name());
        } else if (automation.trigger() instanceof MetricTrigger trigger) {
            labels.put("prefect.posture", trigger.posture().name());
        }
        labels.put(CausalChain.LABEL, CausalChain.text(CausalChain.ofFiring(firing, automation.id())));
        List<RelatedResource> related = firing.triggeringEvent() == null ? List.of() : List.of(new RelatedResource(
                Map.of(Resource.ID, "prefect.event." + firing.triggeringEvent().id(),
                        Resource.ROLE, "triggering-event")));
        Map<String, Object> payload = new HashMap<>();
        payload.put("triggering_labels", firing.triggeringLabels());
        payload.put("triggering_event", firing.triggeringEvent() == null ? null
                : VigilJson.mapper().convertValue(firing.triggeringEvent(), MAP));
        if (firing.triggeringValue() != null) {
            payload.put("triggering_value", firing.triggeringValue());
        }
        String state = firing.triggerState().name().toLowerCase();
        // Derived from the firing id, so a re-published firing carries the same event id and is deduplicated.
        UUID id = NameUuids.of(firing.id() + ":" + state);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new ReceivedEvent(firing.triggered(), "prefect.automation." + state, new Resource(labels), related,
                payload, id, null, now);
    }
}
