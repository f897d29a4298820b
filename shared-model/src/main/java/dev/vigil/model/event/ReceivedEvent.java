package dev.vigil.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An event after the server accepted it: the payload of the {@code events} topic. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"occurred", "event", "resource", "related", "payload", "id", "follows", "received"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReceivedEvent(
        OffsetDateTime occurred,
        String event,
        Resource resource,
        List<RelatedResource> related,
        Map<String, Object> payload,
        UUID id,
        UUID follows,
        OffsetDateTime received) {

    public ReceivedEvent {
        related = related == null ? List.of() : List.copyOf(related);
        payload = payload == null ? Map.of() : payload;
    }

    /** The primary resource followed by every related resource. */
    public List<Resource> involvedResources() {
        List<Resource> all = new ArrayList<>(related.size() + 1);
        all.add(resource);
        all.addAll(related);
        return all;
    }

    /** The first related resource in {@code role}, as Prefect's {@code resource_in_role}. */
    public Optional<RelatedResource> resourceInRole(String role) {
        return related.stream().filter(r -> role.equals(r.role())).findFirst();
    }

    /** Every related resource in {@code role}, in order. */
    public List<RelatedResource> resourcesInRole(String role) {
        return related.stream().filter(r -> role.equals(r.role())).toList();
    }

    /**
     * A label of the primary resource, or {@code related:<role>:<label>} of the first related
     * resource in that role; {@code ""} when missing (Prefect's {@code find_resource_label}).
     */
    public String findResourceLabel(String label) {
        if (label.startsWith("related:")) {
            String[] parts = label.split(":", 3);
            if (parts.length < 3) {
                return "";
            }
            return resourceInRole(parts[1]).map(r -> r.get(parts[2])).orElse("");
        }
        String value = resource.get(label);
        return value == null ? "" : value;
    }
}
