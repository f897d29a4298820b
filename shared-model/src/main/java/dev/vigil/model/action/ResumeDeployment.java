package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** Resumes a deployment's schedules. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "source", "deployment_id"})
public record ResumeDeployment(TargetSource source, UUID deploymentId) implements Action, TargetedAction {

    public static final String TYPE = "resume-deployment";

    public ResumeDeployment {
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
        return deploymentId;
    }

    @Override
    @JsonIgnore
    public String targetField() {
        return "deployment_id";
    }
}
