package dev.vigil.actuator.action;

import dev.vigil.model.event.RelatedResource;
import java.util.List;
import java.util.Map;

/**
 * What an action did: details for the executed event's payload, and the resources it acted on
 * (added to the event's related resources).
 */
public record ActionResult(Map<String, Object> details, List<RelatedResource> related) {

    public static final ActionResult NOTHING = new ActionResult(Map.of(), List.of());
}
