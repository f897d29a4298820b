package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.firing.Firing;
import java.util.Map;
import java.util.UUID;

/** What a composite trigger keeps in Redis: its children's latest firings, and the child firing it is resolved by. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CompositeState(Map<UUID, Firing> children, Firing firedBy) {

    public static final CompositeState EMPTY = new CompositeState(Map.of(), null);

    public CompositeState {
        children = children == null ? Map.of() : Map.copyOf(children);
    }

    public boolean isEmpty() {
        return children.isEmpty() && firedBy == null;
    }

    public CompositeState withChildren(Map<UUID, Firing> firings) {
        return new CompositeState(firings, firedBy);
    }

    public CompositeState withFiredBy(Firing child) {
        return new CompositeState(children, child);
    }
}
