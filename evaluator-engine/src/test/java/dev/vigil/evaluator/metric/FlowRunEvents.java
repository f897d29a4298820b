package dev.vigil.evaluator.metric;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Flow-run state events as Prefect emits them, at seconds after {@link #T0}, for metric tests. */
final class FlowRunEvents {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    static final String DEPLOYMENT = "prefect.deployment.5a1c0b4e-0000-4000-8000-000000000001";
    static final String OTHER_DEPLOYMENT = "prefect.deployment.5a1c0b4e-0000-4000-8000-000000000002";

    private FlowRunEvents() {
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds).toInstant();
    }

    /** A state event of run {@code run} (a short name) of {@link #DEPLOYMENT}. */
    static ReceivedEvent state(String run, String stateName, String stateType, long seconds) {
        return state(run, stateName, stateType, seconds, null, DEPLOYMENT);
    }

    /** A Scheduled event whose state details name the expected start. */
    static ReceivedEvent scheduled(String run, long seconds, long scheduledFor) {
        return state(run, "Scheduled", "SCHEDULED", seconds, scheduledFor, DEPLOYMENT);
    }

    static ReceivedEvent state(String run, String stateName, String stateType, long seconds, Long scheduledFor,
                               String deployment) {
        OffsetDateTime occurred = T0.plusSeconds(seconds);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Resource.ID, "prefect.flow-run." + UUID.nameUUIDFromBytes(run.getBytes()));
        labels.put(Resource.NAME, run);
        labels.put("prefect.state-name", stateName);
        labels.put("prefect.state-type", stateType);
        labels.put("prefect.state-timestamp", occurred.toString());
        Map<String, Object> details = new LinkedHashMap<>();
        if (scheduledFor != null) {
            details.put("scheduled_time", T0.plusSeconds(scheduledFor).toString());
        }
        Map<String, Object> payload = Map.of("intended", Map.of("to", stateType),
                "validated_state", Map.of("type", stateType, "name", stateName, "state_details", details));
        List<RelatedResource> related = List.of(
                new RelatedResource(Map.of(Resource.ID, deployment, Resource.ROLE, "deployment")),
                new RelatedResource(Map.of(Resource.ID, "prefect.flow.f1", Resource.ROLE, "flow")));
        return new ReceivedEvent(occurred, "prefect.flow-run." + stateName, new Resource(labels), related, payload,
                UUID.randomUUID(), null, occurred);
    }
}
