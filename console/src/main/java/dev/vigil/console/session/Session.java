package dev.vigil.console.session;

import java.time.Instant;

/**
 * One sign-in: the API key every service call of this user sends, the path prefix of the key's workspace
 * ({@code ""} for the default workspace, else {@code /accounts/{a}/workspaces/{w}}), the form token
 * every form of this session must carry, and when the sign-in ends. Lives only sealed in the session
 * cookie (see {@link SessionCodec}); never rendered.
 */
public record Session(String apiKey, String workspacePrefix, String csrfToken, Instant expires) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    @Override
    public String toString() {
        return "Session[workspacePrefix=" + workspacePrefix + ", expires=" + expires + "]";
    }
}
