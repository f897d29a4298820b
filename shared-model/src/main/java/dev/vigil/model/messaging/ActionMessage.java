package dev.vigil.model.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.action.Action;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The payload of the {@code actions} topic: one action of one firing to run. The idempotency key
 * (firing id + action index) is deterministic, so a redelivered message is recognised.
 *
 * @param event the event templates and inference see: the triggering event for {@code actions},
 *              the {@code prefect.automation.triggered} event for {@code actions_on_trigger}
 * @param traceparent the W3C trace context the action continues (the firing's), absent when none: it goes with
 *              the message through the actuator's batches, its delivery log and a redelivery
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"idempotency_key", "workspace_id", "automation", "firing", "action_index", "action", "event",
        "labels", "firings", "events", "automation_triggered_event_id", "traceparent"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ActionMessage(
        String idempotencyKey,
        UUID workspaceId,
        Automation automation,
        Firing firing,
        int actionIndex,
        Action action,
        ReceivedEvent event,
        Map<String, String> labels,
        List<Firing> firings,
        List<ReceivedEvent> events,
        UUID automationTriggeredEventId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

    public ActionMessage {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        firings = firings == null ? List.of() : List.copyOf(firings);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A message that continues no trace. */
    public ActionMessage(String idempotencyKey, UUID workspaceId, Automation automation, Firing firing, int actionIndex,
                         Action action, ReceivedEvent event, Map<String, String> labels, List<Firing> firings,
                         List<ReceivedEvent> events, UUID automationTriggeredEventId) {
        this(idempotencyKey, workspaceId, automation, firing, actionIndex, action, event, labels, firings, events,
                automationTriggeredEventId, null);
    }

    public static String idempotencyKey(UUID firingId, int actionIndex) {
        return firingId + ":" + actionIndex;
    }
}
