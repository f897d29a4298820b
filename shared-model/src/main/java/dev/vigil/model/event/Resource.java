package dev.vigil.model.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A resource is a flat map of string labels; {@code prefect.resource.id} identifies it.
 * On the wire it is the plain JSON object of its labels.
 */
public class Resource {

    public static final String ID = "prefect.resource.id";
    public static final String NAME = "prefect.resource.name";
    public static final String ROLE = "prefect.resource.role";

    private final Map<String, String> labels;

    @JsonCreator
    public Resource(Map<String, String> labels) {
        this.labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public static Resource of(String id) {
        return new Resource(Map.of(ID, id));
    }

    @JsonValue
    public Map<String, String> labels() {
        return labels;
    }

    public String id() {
        return labels.get(ID);
    }

    public String name() {
        return labels.get(NAME);
    }

    public String get(String label) {
        return labels.get(label);
    }

    public boolean has(String label) {
        return labels.containsKey(label);
    }

    /** Everything before the last dot of the id: {@code prefect.flow-run} for {@code prefect.flow-run.<uuid>}. */
    public String kind() {
        String id = id();
        int dot = id == null ? -1 : id.lastIndexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && labels.equals(((Resource) other).labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), labels);
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
