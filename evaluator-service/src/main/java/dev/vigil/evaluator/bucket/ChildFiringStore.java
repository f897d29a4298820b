package dev.vigil.evaluator.bucket;

import dev.vigil.model.firing.Firing;
import java.util.Map;
import java.util.UUID;

/** The latest firing of each child of a composite trigger, kept until the composite fires. */
public interface ChildFiringStore {

    /** Child trigger id to its latest firing; empty when none. */
    Map<UUID, Firing> childFirings(CompositeKey key);

    void saveChildFirings(CompositeKey key, Map<UUID, Firing> firings);
}
