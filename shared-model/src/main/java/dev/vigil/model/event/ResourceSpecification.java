package dev.vigil.model.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A map from label name to one pattern or a list of patterns, matched against one resource.
 * Every label must match; a missing label never matches. Within a list, the value must match a
 * positive pattern (if the list has any) and none of the negated ones — Vigil's deliberate
 * difference from Prefect, where negations in a list are OR-ed.
 */
public final class ResourceSpecification {

    public static final ResourceSpecification EMPTY = new ResourceSpecification(Map.of());

    private final Map<String, Object> raw;
    private final List<LabelRule> rules;

    @JsonCreator
    public ResourceSpecification(Map<String, Object> raw) {
        Map<String, Object> copy = new LinkedHashMap<>();
        List<LabelRule> compiled = new ArrayList<>();
        if (raw != null) {
            raw.forEach((label, value) -> {
                List<String> patterns = patternsOf(label, value);
                copy.put(label, value instanceof String ? value : List.copyOf(patterns));
                compiled.add(LabelRule.of(label, patterns));
            });
        }
        this.raw = Collections.unmodifiableMap(copy);
        this.rules = List.copyOf(compiled);
    }

    private static List<String> patternsOf(String label, Object value) {
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof List<?> list) {
            List<String> patterns = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw new IllegalArgumentException("label '" + label + "' must be a string or a list of strings");
                }
                patterns.add(s);
            }
            return patterns;
        }
        throw new IllegalArgumentException("label '" + label + "' must be a string or a list of strings");
    }

    @JsonValue
    public Map<String, Object> asMap() {
        return raw;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Whether {@code resource} satisfies every label rule; an empty specification matches everything. */
    public boolean matches(Resource resource) {
        for (LabelRule rule : rules) {
            if (!rule.matches(resource.get(rule.label))) {
                return false;
            }
        }
        return true;
    }

    /** Whether any of {@code resources} satisfies this specification. */
    public boolean matchesAny(List<? extends Resource> resources) {
        if (isEmpty()) {
            return true;
        }
        for (Resource resource : resources) {
            if (matches(resource)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceSpecification spec && raw.equals(spec.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return raw.toString();
    }

    private record LabelRule(String label, List<LabelPattern> positives, List<LabelPattern> negatives) {

        static LabelRule of(String label, List<String> sources) {
            List<LabelPattern> positives = new ArrayList<>();
            List<LabelPattern> negatives = new ArrayList<>();
            for (String source : sources) {
                LabelPattern pattern = LabelPattern.compile(source);
                (pattern.negated() ? negatives : positives).add(pattern);
            }
            return new LabelRule(label, List.copyOf(positives), List.copyOf(negatives));
        }

        boolean matches(String value) {
            if (value == null) {
                return false;
            }
            for (LabelPattern negative : negatives) {
                if (negative.globMatches(value)) {
                    return false;
                }
            }
            if (positives.isEmpty()) {
                return !negatives.isEmpty();
            }
            for (LabelPattern positive : positives) {
                if (positive.globMatches(value)) {
                    return true;
                }
            }
            return false;
        }
    }
}
