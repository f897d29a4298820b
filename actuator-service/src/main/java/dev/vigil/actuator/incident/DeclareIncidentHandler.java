package dev.vigil.actuator.incident;

import dev.vigil.actuator.action.ActionHandler;
import dev.vigil.actuator.action.ActionResult;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.template.ActionTemplates;
import dev.vigil.model.action.DeclareIncident;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.support.event.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code declare-incident}: records an open incident (title rendered from the action's template,
 * severity, the triggering event, the automation) once per action message, and emits
 * {@code prefect.incident.declared}.
 */
@ApplicationScoped
public class DeclareIncidentHandler implements ActionHandler {

    static final String DEFAULT_SEVERITY = "medium";
    static final String DEFAULT_TITLE = "Incident declared by automation {{ automation.name }}";

    private final IncidentStore store;
    private final ActionTemplates templates;
    private final EventPublisher events;

    public DeclareIncidentHandler(IncidentStore store, ActionTemplates templates, EventPublisher events) {
        this.store = store;
        this.templates = templates;
        this.events = events;
    }

    @Override
    public String type() {
        return DeclareIncident.TYPE;
    }

    @Override
    public Uni<ActionResult> execute(ActionMessage message, Delivery delivery) {
        DeclareIncident action = (DeclareIncident) message.action();
        String title = action.title() == null || action.title().isBlank() ? DEFAULT_TITLE : action.title();
        String severity = action.severity() == null || action.severity().isBlank() ? DEFAULT_SEVERITY
                : action.severity();
        return templates.render(title, message)
                .chain(rendered -> store.declare(message, rendered.strip(), severity))
                .call(incident -> events.publish(message.workspaceId(), IncidentEvents.declared(incident)))
                .map(incident -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("incident_id", incident.id().toString());
                    details.put("severity", incident.severity());
                    return new ActionResult(details, List.of(new RelatedResource(Map.of(
                            Resource.ID, incident.resourceId(), Resource.ROLE, "incident",
                            Resource.NAME, incident.title()))));
                });
    }
}
