package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Moves the flow run the event is about into {@code state} (a Prefect StateType such as {@code CANCELLED}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "name", "state", "message", "force"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChangeFlowRunState(String name, String state, String message, Boolean force) implements Action {

    public static final String TYPE = "change-flow-run-state";

    public ChangeFlowRunState {
        force = force != null && force;
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
