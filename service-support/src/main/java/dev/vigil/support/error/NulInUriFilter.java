package dev.vigil.support.error;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose path or query holds an encoded NUL ({@code %00}) with 422: a path id or
 * filter parameter holding one would reach PostgreSQL, which cannot store or compare it.
 */
public class NulInUriFilter {

    private static final String ENCODED_NUL = "%00";
    /** Before the body size filter and the REST layer. */
    private static final int PRIORITY = 1950;

    @RouteFilter(PRIORITY)
    void refuseNul(RoutingContext context) {
        HttpServerRequest request = context.request();
        String part = request.path() != null && request.path().contains(ENCODED_NUL) ? "path"
                : request.query() != null && request.query().contains(ENCODED_NUL) ? "query"
                : null;
        if (part == null) {
            context.next();
            return;
        }
        context.response().setStatusCode(ErrorBodies.UNPROCESSABLE)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"exception_message\":\"Invalid request received.\",\"exception_detail\":[{\"loc\":[\"" + part
                        + "\"],\"msg\":\"Text must not contain the NUL character (\\\\u0000)\",\"type\":\"string_nul\"}]}");
    }
}
