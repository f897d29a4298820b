package dev.vigil.actuator.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** An incident as {@code /api/incidents} shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "created", "updated", "title", "severity", "status", "automation_id", "automation_name",
        "triggering_event", "resolved"})
public record Incident(
        UUID id,
        OffsetDateTime created,
        OffsetDateTime updated,
        @JsonIgnore UUID workspaceId,
        String title,
        String severity,
        IncidentStatus status,
        UUID automationId,
        String automationName,
        Map<String, Object> triggeringEvent,
        OffsetDateTime resolved) {

    /** The resource id of the incident in events, as Prefect Cloud names it. */
    public String resourceId() {
        return "prefect-cloud.incident." + id;
    }
}
