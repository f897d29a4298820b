package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Records an incident with a templated title and a severity (Prefect Cloud's action). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "title", "severity"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeclareIncident(String title, String severity) implements Action {

    public static final String TYPE = "declare-incident";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
