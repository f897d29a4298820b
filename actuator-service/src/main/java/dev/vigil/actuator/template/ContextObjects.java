package dev.vigil.actuator.template;

import dev.vigil.model.messaging.ActionMessage;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/** Fetches the orchestrator objects ({@code flow_run}, {@code deployment}, …) that templates name. */
public interface ContextObjects {

    /** Context name → the object's JSON fields, for each object the templates name and the event references. */
    Uni<Map<String, Map<String, Object>>> fetch(List<String> templates, ActionMessage message);
}
