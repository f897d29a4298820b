package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** Resumes a work pool. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "source", "work_pool_id"})
public record ResumeWorkPool(TargetSource source, UUID workPoolId) implements Action, TargetedAction {

    public static final String TYPE = "resume-work-pool";

    public ResumeWorkPool {
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
        return workPoolId;
    }

    @Override
    @JsonIgnore
    public String targetField() {
        return "work_pool_id";
    }
}
