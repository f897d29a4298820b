package dev.vigil.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.model.causal.CausalChain;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An event as a client sends it (Prefect's {@code Event}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"occurred", "event", "resource", "related", "payload", "id", "follows"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Event(
        OffsetDateTime occurred,
        String event,
        Resource resource,
        List<RelatedResource> related,
        Map<String, Object> payload,
        UUID id,
        UUID follows) {

    public Event {
        related = related == null ? List.of() : List.copyOf(related);
        payload = payload == null ? Map.of() : payload;
    }

    /**
     * Stamps the time the server accepted the event. A causal chain label is dropped: only Vigil's own
     * emitters (and a hook call they authenticate) may say an event was caused by automations.
     */
    public ReceivedEvent receive(OffsetDateTime received) {
        return new ReceivedEvent(occurred, event, CausalChain.without(resource), related, payload, id, follows,
                received);
    }
}
