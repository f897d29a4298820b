package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether an action acts on the id it names ({@code selected}) or on one found in the triggering event ({@code inferred}). */
public enum TargetSource {
    @JsonProperty("selected")
    SELECTED,
    @JsonProperty("inferred")
    INFERRED
}
