package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** Resumes a work queue. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "source", "work_queue_id"})
public record ResumeWorkQueue(TargetSource source, UUID workQueueId) implements Action, TargetedAction {

    public static final String TYPE = "resume-work-queue";

    public ResumeWorkQueue {
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
        return workQueueId;
    }

    @Override
    @JsonIgnore
    public String targetField() {
        return "work_queue_id";
    }
}
