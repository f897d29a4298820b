package dev.vigil.support.workspace;

import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.AuthHeaders;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves every {@code /api/...} path also under Prefect Cloud's
 * {@code /api/accounts/{account_id}/workspaces/{workspace_id}/...} prefix: it strips the prefix,
 * records the workspace in the trusted {@link Workspaces#HEADER} header (and the account in
 * {@link AuthHeaders#ACCOUNT}, which the auth filter checks against the key's) and reroutes. A request
 * without the prefix belongs to the default workspace, whatever header the client sent.
 */
public class WorkspacePathFilter {

    private static final Pattern PREFIX = Pattern.compile("^/api/accounts/([^/]+)/workspaces/([^/]+)(/.*)?$");
    private static final String RESOLVED = "vigil.workspace.resolved";
    /** Runs before Quarkus' own filters (CORS is 1000 and above the REST layer). */
    private static final int PRIORITY = 2000;

    @RouteFilter(PRIORITY)
    void scopeToWorkspace(RoutingContext context) {
        if (context.get(RESOLVED) != null) {
            context.next();
            return;
        }
        context.put(RESOLVED, Boolean.TRUE);
        context.request().headers().remove(Workspaces.HEADER);
        context.request().headers().remove(AuthHeaders.ACCOUNT);
        Matcher prefixed = PREFIX.matcher(context.normalizedPath());
        if (!prefixed.matches()) {
            context.next();
            return;
        }
        if (!isUuid(prefixed.group(1)) || !isUuid(prefixed.group(2))) {
            context.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"detail\":\"Not Found: account_id and workspace_id must be UUIDs\"}");
            return;
        }
        context.request().headers().set(Workspaces.HEADER, prefixed.group(2));
        context.request().headers().set(AuthHeaders.ACCOUNT, prefixed.group(1));
        String rest = prefixed.group(3) == null ? "" : prefixed.group(3);
        String query = context.request().query();
        context.reroute("/api" + rest + (query == null ? "" : "?" + query));
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
