package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Resumes the paused or suspended flow run the event is about. */
public record ResumeFlowRun() implements Action {

    public static final String TYPE = "resume-flow-run";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
