package dev.vigil.ingest.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.ApiKeyAuthenticator;
import dev.vigil.support.auth.AuthConfig;
import dev.vigil.support.auth.AuthHeaders;
import dev.vigil.support.auth.AuthOutcome;
import dev.vigil.support.auth.Permission;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Authentication of the events websockets, Prefect's protocol: the client's first frame is
 * {@code {"type":"auth","token":<key>}}, answered {@code {"type":"auth_success"}}, or
 * {@code {"type":"auth_failure","reason":…}} and a close with 1008 (policy violation). A connection
 * whose handshake carried a valid {@code Authorization: Bearer <key>} (Prefect Cloud's events client
 * sends one) is authenticated already, and may start with events (or a filter) at once.
 */
@Singleton
public class SocketAuthentication {

    private static final UserData.TypedKey<Boolean> AUTHENTICATED = UserData.TypedKey.forBoolean("vigil.auth.ok");

    private final ApiKeyAuthenticator authenticator;
    private final ObjectMapper json;
    private final boolean enabled;

    public SocketAuthentication(ApiKeyAuthenticator authenticator, ObjectMapper json, AuthConfig config) {
        this.authenticator = authenticator;
        this.json = json;
        this.enabled = config.enabled();
    }

    /** True once the connection may send what its socket serves. */
    public boolean isAuthenticated(WebSocketConnection connection) {
        return !enabled || connection.userData().get(AUTHENTICATED) != null;
    }

    /**
     * For the first frame of a connection not yet authenticated: true if the handshake carried a valid
     * key (the frame is then handled as usual).
     */
    public boolean acceptHandshake(WebSocketConnection connection) {
        if (connection.handshakeRequest().header(AuthHeaders.ROLE) != null) {
            connection.userData().put(AUTHENTICATED, Boolean.TRUE);
            return true;
        }
        return false;
    }

    /** Answers an auth frame: success, or failure and close. */
    public Uni<Void> authenticate(WebSocketConnection connection, JsonNode frame, Permission needed) {
        if (!enabled) {
            return connection.sendText(Frames.AUTH_SUCCESS);
        }
        JsonNode token = frame.get("token");
        if (token == null || !token.isTextual()) {
            return refuse(connection, "Auth required but no token provided");
        }
        UUID account;
        UUID workspace;
        try {
            account = AuthHeaders.account(connection.handshakeRequest().header(AuthHeaders.ACCOUNT));
            workspace = Workspaces.parseOrDefault(connection.handshakeRequest().header(Workspaces.HEADER));
        } catch (IllegalArgumentException e) {
            return refuse(connection, "Not Found");
        }
        return authenticator.check(AuthHeaders.fromAuthString(token.textValue()), account, workspace, needed)
                .chain(outcome -> {
                    if (!outcome.isAllowed()) {
                        return refuse(connection, outcome.detail());
                    }
                    connection.userData().put(AUTHENTICATED, Boolean.TRUE);
                    return connection.sendText(Frames.AUTH_SUCCESS);
                });
    }

    /** Refuses a connection whose first frame is not an auth frame. */
    public Uni<Void> refuseUnauthenticated(WebSocketConnection connection) {
        return refuse(connection, "Expected an auth message first: {\"type\": \"auth\", \"token\": <API key>}");
    }

    private Uni<Void> refuse(WebSocketConnection connection, String reason) {
        return connection.sendText(Frames.authFailure(json, reason))
                .onFailure().recoverWithNull()
                .chain(() -> connection.close(new CloseReason(Frames.POLICY_VIOLATION, "Authentication failed")));
    }
}
