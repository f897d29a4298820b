package dev.vigil.support.auth;

import dev.vigil.model.messaging.Workspaces;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Authenticates every call that is not open by design ({@link AccessRules}) with its
 * {@code Authorization: Bearer <key>}: 401 without a valid key, 404 for a key of another workspace
 * (or account), 403 if the key's role does not allow the call, each with a JSON body. Runs after the
 * workspace prefix is resolved (WorkspacePathFilter) and before the REST layer reads the body (Quarkus
 * pauses the request until then, so a lookup may complete later).
 *
 * <p>The events websockets may instead authenticate in their first frame (Prefect's protocol): a
 * handshake without an {@code Authorization} header passes, and the socket checks the frame.
 */
public class AuthFilter {

    /** After WorkspacePathFilter (2000), before BodySizeFilter (1900) and Quarkus' own filters. */
    private static final int PRIORITY = 1950;
    private static final String EVENTS_IN = "/api/events/in";
    private static final String EVENTS_OUT = "/api/events/out";

    private final ApiKeyAuthenticator authenticator;
    private final boolean enabled;

    public AuthFilter(ApiKeyAuthenticator authenticator, AuthConfig config) {
        this.authenticator = authenticator;
        this.enabled = config.enabled();
    }

    @RouteFilter(PRIORITY)
    void authenticate(RoutingContext context) {
        HttpServerRequest request = context.request();
        request.headers().remove(AuthHeaders.ROLE);
        String method = request.method().name();
        String path = context.normalizedPath();
        if (!enabled || AccessRules.isOpen(method, path)) {
            context.next();
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null && (EVENTS_IN.equals(path) || EVENTS_OUT.equals(path))) {
            context.next();
            return;
        }
        String key = AuthHeaders.bearer(authorization);
        UUID account;
        UUID workspace;
        try {
            account = AuthHeaders.account(request.getHeader(AuthHeaders.ACCOUNT));
            workspace = Workspaces.parseOrDefault(request.getHeader(Workspaces.HEADER));
        } catch (IllegalArgumentException e) {
            AuthResponses.refuse(context, AuthOutcome.refused(AuthOutcome.NOT_FOUND, "Not Found"));
            return;
        }
        Permission needed = AccessRules.required(method, path);
        if (authorization != null && key == null) {
            AuthResponses.refuse(context, AuthOutcome.refused(AuthOutcome.UNAUTHORIZED,
                    "The Authorization header must be: Bearer <key>"));
            return;
        }
        AuthOutcome cached = authenticator.checkCached(key, account, workspace, needed);
        if (cached != null) {
            proceed(context, cached);
            return;
        }
        Context caller = Vertx.currentContext();
        authenticator.check(key, account, workspace, needed).subscribe().with(outcome -> {
            if (caller == null || Vertx.currentContext() == caller) {
                proceed(context, outcome);
            } else {
                caller.runOnContext(ignored -> proceed(context, outcome));
            }
        });
    }

    private static void proceed(RoutingContext context, AuthOutcome outcome) {
        if (!outcome.isAllowed()) {
            AuthResponses.refuse(context, outcome);
            return;
        }
        context.request().headers().set(AuthHeaders.ROLE, outcome.principal().role().wireName());
        context.next();
    }
}
