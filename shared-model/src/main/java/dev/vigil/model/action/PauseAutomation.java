package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** Disables an automation. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "source", "automation_id"})
public record PauseAutomation(TargetSource source, UUID automationId) implements Action, TargetedAction {

    public static final String TYPE = "pause-automation";

    public PauseAutomation {
        source = source == null ? TargetSource.SELECTED : source;
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }

    @Override
    @JsonIgnore
    public UUID targetId() {
        return automationId;
    }

    @Override
    @JsonIgnore
    public String targetField() {
        return "automation_id";
    }
}
