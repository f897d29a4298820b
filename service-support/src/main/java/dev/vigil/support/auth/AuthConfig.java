package dev.vigil.support.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code vigil.auth.*}: API keys (see docs/security.md). */
@ConfigMapping(prefix = "vigil.auth")
public interface AuthConfig {

    /** Off only for the ingest benchmark's auth-off run; every profile keeps it on. */
    @WithDefault("true")
    boolean enabled();

    /** An admin key of the default workspace, stored (hashed) at start-up unless it already is. */
    Optional<String> bootstrapAdminKey();

    /** The key the services send each other (role write, any workspace); never stored. */
    Optional<String> serviceKey();

    /**
     * How long a key's lookup is reused: a revoked key keeps working at most this long in another
     * replica (in the one that revoked it, not at all).
     */
    @WithDefault("2s")
    Duration cacheTtl();

    /**
     * How long a starting service keeps trying to create the {@code auth} schema and store the bootstrap key
     * while the database cannot serve it; past it, the start fails.
     */
    @WithDefault("2M")
    Duration startupWait();

    /** Bound on cached lookups (valid and unknown keys alike). */
    @WithDefault("10000")
    int cacheMaxEntries();
}
