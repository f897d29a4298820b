package dev.vigil.support.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

    /**
     * The key of an {@code Authorization} header, else null: {@code Bearer <key>} (any case of "bearer"),
     * as Prefect's clients send {@code PREFECT_API_KEY}, or {@code Basic} with the key as the password, as
     * Prefect's open-source clients send {@code PREFECT_API_AUTH_STRING} ({@code "<any user>:<key>"}).
     */
    public static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = value.substring(0, space);
        String credentials = value.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("bearer")) {
            return credentials.isEmpty() ? null : credentials;
        }
        if (scheme.equalsIgnoreCase("basic")) {
            try {
                return fromAuthString(new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** The key of a websocket auth token: the key itself, or Prefect's {@code "<user>:<key>"} auth string. */
    public static String fromAuthString(String token) {
        if (token == null) {
            return null;
        }
        String key = token.substring(token.lastIndexOf(':') + 1).trim();
        return key.isEmpty() ? null : key;
    }
}
