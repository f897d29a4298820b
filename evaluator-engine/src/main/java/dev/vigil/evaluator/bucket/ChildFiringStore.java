package dev.vigil.evaluator.bucket;

import dev.vigil.model.firing.Firing;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The latest firing of each child of a composite trigger, kept until the composite fires; and the
 * child firing that made the composite fire last, kept until that child resolves it.
 */
public interface ChildFiringStore {

    /** Child trigger id to its latest firing; empty when none. */
    Map<UUID, Firing> childFirings(CompositeKey key);

    void saveChildFirings(CompositeKey key, Map<UUID, Firing> firings);

    /** The child firing that completed the composite's latest firing, while it is unresolved. */
    Optional<Firing> firedBy(CompositeKey key);

    /** Remembers (or, with null, forgets) the child firing that completed the composite's firing. */
    void saveFiredBy(CompositeKey key, Firing child);
}
