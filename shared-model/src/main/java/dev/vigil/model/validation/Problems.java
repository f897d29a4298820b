package dev.vigil.model.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while walking a definition, tracking the current location. */
public final class Problems {

    private final List<ModelProblem> found = new ArrayList<>();

    public void add(List<Object> path, String msg, String type, Object... more) {
        List<Object> loc = new ArrayList<>(path);
        loc.addAll(List.of(more));
        found.add(new ModelProblem(loc, msg, type));
    }

    public static List<Object> at(List<Object> path, Object... more) {
        List<Object> loc = new ArrayList<>(path);
        loc.addAll(List.of(more));
        return loc;
    }

    public List<ModelProblem> all() {
        return List.copyOf(found);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws when anything was found. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ModelValidationException(found);
        }
    }
}
