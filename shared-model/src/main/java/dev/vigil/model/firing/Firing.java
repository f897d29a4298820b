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
 * for reactive firings, the window end for proactive ones, the evaluation time for metric ones.
 * {@code triggering_value} is a metric trigger's value when it fired or resolved (Prefect Cloud), else absent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "trigger_id", "trigger_state", "triggered", "triggering_labels", "triggering_firings",
        "triggering_event", "triggering_value"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Firing(
        UUID id,
        UUID triggerId,
        FiringState triggerState,
        OffsetDateTime triggered,
        Map<String, String> triggeringLabels,
        List<Firing> triggeringFirings,
        ReceivedEvent triggeringEvent,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double triggeringValue) {

    /** A firing of an event or composite trigger: no metric value. */
    public Firing(UUID id, UUID triggerId, FiringState triggerState, OffsetDateTime triggered,
                  Map<String, String> triggeringLabels, List<Firing> triggeringFirings, ReceivedEvent triggeringEvent) {
        this(id, triggerId, triggerState, triggered, triggeringLabels, triggeringFirings, triggeringEvent, null);
    }

    public Firing {
        triggeringLabels = triggeringLabels == null ? Map.of() : Map.copyOf(triggeringLabels);
        triggeringFirings = triggeringFirings == null ? List.of() : List.copyOf(triggeringFirings);
    }
}
