package dev.vigil.support.limit;

import dev.vigil.model.messaging.Workspaces;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * {@code vigil.limits.api-requests-per-second} per workspace on every {@code /api/...} request of the service,
 * keyed on the trusted workspace header {@code WorkspacePathFilter} set. Event ingestion
 * ({@code POST /api/events}, {@code /api/events/in}) is counted per event by its own limit instead.
 */
@Singleton
public class ApiRateLimitFilter {

    /** After {@code WorkspacePathFilter} (2000), which sets the workspace. */
    private static final int PRIORITY = 1900;
    private static final String COUNTED = "vigil.limits.api-counted";

    private final RateLimiter limiter;

    public ApiRateLimitFilter(LimitsConfig config) {
        this.limiter = new RateLimiter("vigil.limits.api-requests-per-second", config.apiRequestsPerSecond(),
                config.apiRequestsBurst());
    }

    @RouteFilter(PRIORITY)
    void limit(RoutingContext context) {
        String path = context.normalizedPath();
        if (context.get(COUNTED) != null || !path.startsWith("/api/") || isEventIngestion(context, path)) {
            context.next();
            return;
        }
        context.put(COUNTED, Boolean.TRUE);
        String workspace = context.request().getHeader(Workspaces.HEADER);
        RateLimited refused = limiter.tryAcquire(workspace == null ? Workspaces.DEFAULT.toString() : workspace, 1);
        if (refused != null) {
            refused.end(context.response());
            return;
        }
        context.next();
    }

    private static boolean isEventIngestion(RoutingContext context, String path) {
        return path.equals("/api/events/in")
                || (path.equals("/api/events") && context.request().method() == HttpMethod.POST);
    }
}
