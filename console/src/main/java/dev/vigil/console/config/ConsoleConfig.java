package dev.vigil.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The console's settings ({@code vigil.console.*}). */
@ConfigMapping(prefix = "vigil.console")
public interface ConsoleConfig {

    /** Where the console reaches the three services (directly, not through the gateway). */
    Services services();

    Session session();

    /** Rows per page of the automations list and the other lists. */
    @WithDefault("25")
    int pageSize();

    interface Services {

        /** ingest-service, e.g. {@code http://127.0.0.1:8081}. */
        String ingestUrl();

        /** evaluator-service, e.g. {@code http://127.0.0.1:8082}. */
        String evaluatorUrl();

        /** actuator-service, e.g. {@code http://127.0.0.1:8083}. */
        String actuatorUrl();

        /** Bound of one call to a service, connection included; a page waits at most this per call. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Session {

        /**
         * Base64 of 32 random bytes: the AES-256-GCM key the session cookie (holding the API key) is sealed
         * with. Unset: a random key per process start, so every session ends when the console restarts and
         * replicas do not share sessions.
         */
        Optional<String> key();

        /** How long a sign-in lasts. */
        @WithDefault("8h")
        Duration maxAge();

        /** Whether cookies carry {@code Secure} (set it when the console is served over HTTPS). */
        @WithDefault("false")
        boolean secureCookies();
    }
}
