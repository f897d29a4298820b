package dev.vigil.actuator.action;

import java.util.Map;

/**
 * An expected failure of an action (bad template, missing block, target said no). It is reported
 * as a {@code prefect.automation.action.failed} event, not retried by the consumer.
 */
public class ActionFailedException extends RuntimeException {

    private final Map<String, Object> details;

    public ActionFailedException(String reason, Map<String, Object> details) {
        super(reason);
        this.details = Map.copyOf(details);
    }

    public ActionFailedException(String reason) {
        this(reason, Map.of());
    }

    public Map<String, Object> details() {
        return details;
    }
}
