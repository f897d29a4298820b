package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Suspends the flow run the event is about. */
public record SuspendFlowRun() implements Action {

    public static final String TYPE = "suspend-flow-run";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
