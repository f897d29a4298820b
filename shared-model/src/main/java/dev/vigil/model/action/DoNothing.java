package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Does nothing; useful to test triggers. */
public record DoNothing() implements Action {

    public static final String TYPE = "do-nothing";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
