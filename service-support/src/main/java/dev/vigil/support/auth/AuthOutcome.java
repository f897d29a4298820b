package dev.vigil.support.auth;

/**
 * The answer to "may this key make this call here": a principal, or the HTTP status and detail to
 * refuse with (401 no valid key, 403 the role does not allow it, 404 another workspace's key, 503 the
 * key store cannot be read).
 */
public record AuthOutcome(ApiKeyPrincipal principal, int status, String detail) {

    public static final int UNAUTHORIZED = 401;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int UNAVAILABLE = 503;

    static AuthOutcome allowed(ApiKeyPrincipal principal) {
        return new AuthOutcome(principal, 200, null);
    }

    static AuthOutcome refused(int status, String detail) {
        return new AuthOutcome(null, status, detail);
    }

    public boolean isAllowed() {
        return principal != null;
    }
}
