package dev.vigil.actuator.incident;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.id.NameUuids;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code prefect.incident.declared} and {@code prefect.incident.resolved}. Their ids derive from the
 * incident, so a repeated declaration or resolution does not emit a second copy.
 */
public final class IncidentEvents {

    public static final String DECLARED = "prefect.incident.declared";
    public static final String RESOLVED = "prefect.incident.resolved";

    private IncidentEvents() {
    }

    public static ReceivedEvent declared(Incident incident) {
        return event(incident, DECLARED);
    }

    public static ReceivedEvent resolved(Incident incident) {
        return event(incident, RESOLVED);
    }

    private static ReceivedEvent event(Incident incident, String name) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Resource.ID, incident.resourceId());
        labels.put(Resource.NAME, incident.title());
        labels.put("prefect-cloud.incident.severity", incident.severity());
        labels.put("prefect-cloud.incident.status", incident.status().wire());
        List<RelatedResource> related = new ArrayList<>();
        related.add(new RelatedResource(Map.of(Resource.ID, "prefect.automation." + incident.automationId(),
                Resource.ROLE, "automation", Resource.NAME, incident.automationName())));
        Object triggering = incident.triggeringEvent() == null ? null : incident.triggeringEvent().get("id");
        if (triggering != null) {
            related.add(new RelatedResource(Map.of(Resource.ID, "prefect.event." + triggering,
                    Resource.ROLE, "triggering-event")));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", incident.id().toString());
        payload.put("title", incident.title());
        payload.put("severity", incident.severity());
        payload.put("status", incident.status().wire());
        UUID id = NameUuids.of(incident.id() + ":" + name);
        return new ReceivedEvent(now, name, new Resource(labels), related, payload, id, null, now);
    }
}
