package dev.vigil.evaluator.metric;

import dev.vigil.model.event.ReceivedEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one flow-run state event says about its run: the run's id, the state's type, when the state began, and,
 * for a scheduled state, when the run was expected to start.
 */
public record FlowRunObservation(String runId, String stateType, Instant at, Instant scheduledTime) {

    public static final String EVENT_PREFIX = "prefect.flow-run.";
    public static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "CRASHED");
    private static final Map<String, String> TYPE_OF_NAME = Map.ofEntries(
            Map.entry("Scheduled", "SCHEDULED"), Map.entry("Late", "SCHEDULED"),
            Map.entry("AwaitingRetry", "SCHEDULED"), Map.entry("AwaitingConcurrencySlot", "SCHEDULED"),
            Map.entry("Pending", "PENDING"), Map.entry("Running", "RUNNING"), Map.entry("Retrying", "RUNNING"),
            Map.entry("Completed", "COMPLETED"), Map.entry("Cached", "COMPLETED"),
            Map.entry("Failed", "FAILED"), Map.entry("TimedOut", "FAILED"), Map.entry("Crashed", "CRASHED"),
            Map.entry("Cancelled", "CANCELLED"), Map.entry("Cancelling", "CANCELLING"),
            Map.entry("Paused", "PAUSED"), Map.entry("Suspended", "PAUSED"));

    /**
     * The observation a {@code prefect.flow-run.<State>} event about a {@code prefect.flow-run.<id>} resource makes;
     * empty for any other event. The state type comes from the {@code prefect.state-type} label (Prefect sets it),
     * else from the state's name; the time from {@code prefect.state-timestamp}, else {@code occurred}; the expected
     * start from {@code payload.validated_state.state_details.scheduled_time} of a scheduled state.
     */
    public static Optional<FlowRunObservation> of(ReceivedEvent event) {
        String name = event.event();
        if (name == null || !name.startsWith(EVENT_PREFIX) || event.resource() == null) {
            return Optional.empty();
        }
        String runId = event.resource().id();
        if (runId == null || !runId.startsWith(EVENT_PREFIX)) {
            return Optional.empty();
        }
        String type = event.resource().get("prefect.state-type");
        if (type == null) {
            type = TYPE_OF_NAME.get(name.substring(EVENT_PREFIX.length()));
        }
        if (type == null) {
            return Optional.empty();
        }
        Instant at = instant(event.resource().get("prefect.state-timestamp"));
        if (at == null) {
            at = event.occurred().toInstant();
        }
        Instant scheduled = "SCHEDULED".equals(type) ? scheduledTime(event.payload()) : null;
        return Optional.of(new FlowRunObservation(runId, type, at, scheduled));
    }

    public boolean terminal() {
        return TERMINAL.contains(stateType);
    }

    private static Instant scheduledTime(Map<String, Object> payload) {
        for (String state : new String[] {"validated_state", "initial_state"}) {
            if (payload.get(state) instanceof Map<?, ?> fields && fields.get("state_details") instanceof Map<?, ?> details
                    && details.get("scheduled_time") instanceof String text) {
                Instant parsed = instant(text);
                if (parsed != null) {
                    return parsed;
                }
            }
        }
        return null;
    }

    private static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text + (text.endsWith("Z") ? "" : "Z"));
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
