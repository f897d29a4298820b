package dev.vigil.actuator.incident;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an incident still needs attention. */
public enum IncidentStatus {
    OPEN("open"),
    RESOLVED("resolved");

    private final String wire;

    IncidentStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static IncidentStatus fromWire(String value) {
        for (IncidentStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown incident status " + value);
    }
}
