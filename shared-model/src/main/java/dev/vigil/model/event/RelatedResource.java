package dev.vigil.model.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/** A resource related to an event, in a role named by {@code prefect.resource.role}. */
public final class RelatedResource extends Resource {

    @JsonCreator
    public RelatedResource(Map<String, String> labels) {
        super(labels);
    }

    public String role() {
        return get(ROLE);
    }
}
