package dev.vigil.support.auth;

import java.util.UUID;

/** Internal request headers the services set themselves, never trusted from a client (removed first). */
public final class AuthHeaders {

    /** The account of a Prefect Cloud path prefix (WorkspacePathFilter); absent without a prefix. */
    public static final String ACCOUNT = "X-Vigil-Account";
    /** The role of the key the request was authenticated with (AuthFilter). */
    public static final String ROLE = "X-Vigil-Key-Role";

    private AuthHeaders() {
    }

    /** The account of a request, or null if its path has no prefix. */
    public static UUID account(String header) {
        return header == null || header.isEmpty() ? null : UUID.fromString(header);
    }

    /** The key of an {@code Authorization: Bearer <key>} header (any case of "bearer"), else null. */
    public static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("bearer")) {
            return null;
        }
        String key = value.substring(space + 1).trim();
        return key.isEmpty() ? null : key;
    }
}
