package dev.vigil.model.trigger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.ResourceSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code match_related}: one specification, satisfied by any related resource, or a list of
 * them, each of which must be satisfied by some related resource. Keeps the form it was given.
 */
public final class MatchRelated {

    public static final MatchRelated NONE = new MatchRelated(List.of(), false);

    private final List<ResourceSpecification> specifications;
    private final boolean list;

    private MatchRelated(List<ResourceSpecification> specifications, boolean list) {
        this.specifications = specifications;
        this.list = list;
    }

    @JsonCreator
    @SuppressWarnings("unchecked")
    public static MatchRelated of(Object json) {
        if (json == null) {
            return NONE;
        }
        if (json instanceof Map<?, ?> single) {
            if (single.isEmpty()) {
                return NONE;
            }
            return new MatchRelated(List.of(new ResourceSpecification((Map<String, Object>) single)), false);
        }
        if (json instanceof List<?> many) {
            List<ResourceSpecification> specs = new ArrayList<>(many.size());
            for (Object item : many) {
                if (!(item instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("match_related must be an object or a list of objects");
                }
                specs.add(new ResourceSpecification((Map<String, Object>) map));
            }
            return new MatchRelated(List.copyOf(specs), true);
        }
        throw new IllegalArgumentException("match_related must be an object or a list of objects");
    }

    @JsonValue
    public Object asJson() {
        if (list) {
            return specifications.stream().map(ResourceSpecification::asMap).toList();
        }
        return specifications.isEmpty() ? Map.of() : specifications.get(0).asMap();
    }

    public List<ResourceSpecification> specifications() {
        return specifications;
    }

    /** Every specification is satisfied by at least one related resource. */
    public boolean matches(List<RelatedResource> related) {
        for (ResourceSpecification spec : specifications) {
            if (spec.isEmpty()) {
                continue;
            }
            if (!spec.matchesAny(related)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MatchRelated m && list == m.list && specifications.equals(m.specifications);
    }

    @Override
    public int hashCode() {
        return specifications.hashCode() * 31 + (list ? 1 : 0);
    }
}
