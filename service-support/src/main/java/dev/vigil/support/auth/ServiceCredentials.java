package dev.vigil.support.auth;

import jakarta.inject.Singleton;
import java.util.Optional;

/** The {@code Authorization} header of calls from one Vigil service to another ({@code vigil.auth.service-key}). */
@Singleton
public class ServiceCredentials {

    private final Optional<String> authorization;

    public ServiceCredentials(AuthConfig config) {
        this.authorization = config.serviceKey().filter(ApiKeys::isWellFormed).map(key -> "Bearer " + key);
    }

    /** {@code Bearer <service key>}, or empty when none is configured (then the other service refuses the call). */
    public Optional<String> authorization() {
        return authorization;
    }
}
