package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The API key the load generators send: {@code VIGIL_API_KEY}, else the admin key {@code bin/up} wrote to
 * {@code .run/admin-api-key} (relative to the working directory, the repository root).
 */
final class ApiKey {

    private static final Path ADMIN_KEY_FILE = Path.of(".run", "admin-api-key");
    private static final Optional<String> AUTHORIZATION = find().map(key -> "Bearer " + key);

    private ApiKey() {
    }

    /** {@code Bearer <key>}, or empty if no key is configured (a system with auth off). */
    static Optional<String> authorization() {
        return AUTHORIZATION;
    }

    private static Optional<String> find() {
        String fromEnv = System.getenv("VIGIL_API_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.trim());
        }
        try {
            return Files.isReadable(ADMIN_KEY_FILE) ? Optional.of(Files.readString(ADMIN_KEY_FILE).trim())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
