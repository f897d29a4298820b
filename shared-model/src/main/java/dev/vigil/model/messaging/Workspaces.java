package dev.vigil.model.messaging;

import java.util.UUID;

/**
 * Workspaces scope every row and Redis key. A request without the Prefect Cloud prefix
 * {@code /api/accounts/{account}/workspaces/{workspace}} belongs to the default workspace.
 */
public final class Workspaces {

    public static final UUID DEFAULT = new UUID(0L, 0L);

    /** Internal request header the services set from the path prefix (and never trust from outside). */
    public static final String HEADER = "X-Vigil-Workspace";

    private Workspaces() {
    }

    public static UUID parseOrDefault(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return UUID.fromString(value);
    }
}
