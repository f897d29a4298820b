package dev.vigil.actuator.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an action execution stands. A {@code FAILED} execution is a dead letter that can be redelivered. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExecutionStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean terminal() {
        return this != RUNNING;
    }
}
