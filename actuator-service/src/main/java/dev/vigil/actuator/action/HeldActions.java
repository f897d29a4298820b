package dev.vigil.actuator.action;

import dev.vigil.actuator.config.ActuatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Counts the actions each workspace has held from the stream (received and not over), against its share
 * ({@code vigil.actuator.max-held-actions-per-workspace}); {@link BatchExecutor} parks the actions of a workspace
 * over it instead of holding them.
 */
@ApplicationScoped
public class HeldActions {

    private final int perWorkspace;
    private final Map<UUID, Integer> held = new HashMap<>();

    @Inject
    public HeldActions(ActuatorConfig config) {
        this(config.maxHeldActionsPerWorkspace());
    }

    HeldActions(int perWorkspace) {
        this.perWorkspace = perWorkspace;
    }

    /** Counts one more action of {@code workspace} unless it holds its share already; true when counted. */
    public synchronized boolean tryHold(UUID workspace) {
        int now = held.getOrDefault(workspace, 0);
        if (now >= perWorkspace) {
            return false;
        }
        held.put(workspace, now + 1);
        return true;
    }

    /** One action of {@code workspace} counted by {@link #tryHold} is over. */
    public synchronized void release(UUID workspace) {
        held.computeIfPresent(workspace, (w, n) -> n <= 1 ? null : n - 1);
    }

    /** Actions of {@code workspace} held now (for tests and metrics). */
    public synchronized int of(UUID workspace) {
        return held.getOrDefault(workspace, 0);
    }
}
