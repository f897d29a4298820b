package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Cancels the flow run the event is about. */
public record CancelFlowRun() implements Action {

    public static final String TYPE = "cancel-flow-run";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
