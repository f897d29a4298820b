package dev.vigil.support.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * Who a valid key speaks for.
 *
 * @param keyId       the key's id (null for the internal service key)
 * @param accountId   the account of its workspace ({@code null} for the service key: any account)
 * @param workspaceId its workspace ({@code null} for the service key: any workspace)
 * @param expires     when it stops working, or null
 */
public record ApiKeyPrincipal(UUID keyId, UUID accountId, UUID workspaceId, Role role, Instant expires) {

    /** The key the services use for calls to each other, in any workspace. */
    public static ApiKeyPrincipal service() {
        return new ApiKeyPrincipal(null, null, null, Role.WRITE, null);
    }

    public boolean isService() {
        return workspaceId == null;
    }

    public boolean isExpired(long nowMillis) {
        return expires != null && expires.toEpochMilli() <= nowMillis;
    }

    /** True if this key may act in the workspace; the account is checked only when the path names one. */
    public boolean covers(UUID account, UUID workspace) {
        if (isService()) {
            return true;
        }
        return workspaceId.equals(workspace) && (account == null || accountId.equals(account));
    }
}
