package dev.vigil.support.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is over the service's limit with 413 and a JSON body
 * that says the limit (the HTTP layer's own refusal has an empty body).
 *
 * <p>{@code vigil.http.max-body-size} may set a lower limit for the API than the transport's
 * {@code quarkus.http.limits.max-body-size}; the paths in {@code vigil.http.large-body-paths}
 * (exact, after the workspace prefix is removed) keep the transport's limit.
 */
public class BodySizeFilter {

    private static final int PAYLOAD_TOO_LARGE = 413;
    private static final long MIB = 1024L * 1024L;
    /** After the workspace prefix filter, before the REST layer reads the body. */
    private static final int PRIORITY = 1900;

    private final long limit;
    private final long largeBodyLimit;
    private final Set<String> largeBodyPaths;

    public BodySizeFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize transportLimit,
                          @ConfigProperty(name = "vigil.http.max-body-size") Optional<MemorySize> apiLimit,
                          @ConfigProperty(name = "vigil.http.large-body-paths") Optional<List<String>> largeBodyPaths) {
        this.largeBodyLimit = transportLimit.asLongValue();
        this.limit = apiLimit.map(MemorySize::asLongValue).orElse(largeBodyLimit);
        this.largeBodyPaths = Set.copyOf(largeBodyPaths.orElse(List.of()));
    }

    @RouteFilter(PRIORITY)
    void refuseOversizedBodies(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = largeBodyPaths.contains(context.normalizedPath()) ? largeBodyLimit : this.limit;
        if (declared != null && isOver(declared, limit)) {
            context.response().setStatusCode(PAYLOAD_TOO_LARGE)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end("{\"detail\":\"Request body exceeds the " + describe(limit) + " limit\"}");
            return;
        }
        context.next();
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String describe(long bytes) {
        return bytes % MIB == 0 ? (bytes / MIB) + " MiB" : bytes + " bytes";
    }
}
