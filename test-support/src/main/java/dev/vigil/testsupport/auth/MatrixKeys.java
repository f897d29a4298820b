package dev.vigil.testsupport.auth;

import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.ApiKeyStore;
import dev.vigil.support.auth.ApiKeys;
import dev.vigil.support.auth.Role;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The keys an {@link AccessMatrix} run needs, stored through a service's own {@link ApiKeyStore}: a fresh key
 * per role in the default workspace, and an admin key of a new account and workspace. Used from
 * {@code @QuarkusTest}s only (service-support is a provided dependency of this module).
 */
public final class MatrixKeys {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private MatrixKeys() {
    }

    public static AccessMatrix.Keys create(ApiKeyStore store) {
        Map<String, String> byRole = new HashMap<>();
        for (Role role : Role.values()) {
            byRole.put(role.wireName(), stored(store, Workspaces.DEFAULT, Workspaces.DEFAULT, role));
        }
        UUID account = UUID.randomUUID();
        UUID workspace = UUID.randomUUID();
        String other = stored(store, account, workspace, Role.ADMIN);
        return new AccessMatrix.Keys(byRole, other, "/api/accounts/" + account + "/workspaces/" + workspace);
    }

    private static String stored(ApiKeyStore store, UUID account, UUID workspace, Role role) {
        String key = ApiKeys.generate();
        store.create(account, workspace, "matrix " + role.wireName(), role, null, ApiKeys.hash(key))
                .await().atMost(WAIT);
        return key;
    }
}
