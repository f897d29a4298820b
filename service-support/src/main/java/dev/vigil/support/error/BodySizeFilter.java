package dev.vigil.support.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is over the service's limit with 413 and a JSON body
 * that says the limit (the HTTP layer's own refusal has an empty body).
 */
public class BodySizeFilter {

    private static final int PAYLOAD_TOO_LARGE = 413;
    private static final long MIB = 1024L * 1024L;
    /** After the workspace prefix filter, before the REST layer reads the body. */
    private static final int PRIORITY = 1900;

    private final long limit;

    public BodySizeFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    @RouteFilter(PRIORITY)
    void refuseOversizedBodies(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOver(declared)) {
            context.response().setStatusCode(PAYLOAD_TOO_LARGE)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end("{\"detail\":\"Request body exceeds the " + describe(limit) + " limit\"}");
            return;
        }
        context.next();
    }

    private boolean isOver(String declared) {
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
