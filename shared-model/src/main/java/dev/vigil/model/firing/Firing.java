package dev.vigil.model.firing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.event.ReceivedEvent;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One firing of a trigger. {@code triggered} is event time: the triggering event's {@code occurred}
 * for reactive firings, the window end for proactive ones.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "trigger_id", "trigger_state", "triggered", "triggering_labels", "triggering_firings",
        "triggering_event"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Firing(
        UUID id,
        UUID triggerId,
        FiringState triggerState,
        OffsetDateTime triggered,
        Map<String, String> triggeringLabels,
        List<Firing> triggeringFirings,
        ReceivedEvent triggeringEvent) {

    public Firing {
        triggeringLabels = triggeringLabels == null ? Map.of() : Map.copyOf(triggeringLabels);
        triggeringFirings = triggeringFirings == null ? List.of() : List.copyOf(triggeringFirings);
    }
}
