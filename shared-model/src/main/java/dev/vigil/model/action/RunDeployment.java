package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.vigil.model.json.SecondsDurationDeserializer;
import dev.vigil.model.json.SecondsDurationSerializer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Creates a flow run of a deployment, with templated parameters (null means the deployment's defaults). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "source", "deployment_id", "parameters", "job_variables", "schedule_after"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunDeployment(
        TargetSource source,
        UUID deploymentId,
        Map<String, Object> parameters,
        Map<String, Object> jobVariables,
        @JsonSerialize(using = SecondsDurationSerializer.class)
        @JsonDeserialize(using = SecondsDurationDeserializer.class)
        Duration scheduleAfter) implements Action, TargetedAction {

    public static final String TYPE = "run-deployment";

    public RunDeployment {
        source = source == null ? TargetSource.SELECTED : source;
        scheduleAfter = scheduleAfter == null ? Duration.ZERO : scheduleAfter;
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
