package dev.vigil.support.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The JSON refusals of the auth filter, in Prefect's {@code {"detail": …}} shape. */
final class AuthResponses {

    private static final String RETRY_AFTER_SECONDS = "1";

    private AuthResponses() {
    }

    static void refuse(RoutingContext context, AuthOutcome outcome) {
        var response = context.response().setStatusCode(outcome.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (outcome.status() == AuthOutcome.UNAUTHORIZED) {
            response.putHeader("WWW-Authenticate", "Bearer");
        } else if (outcome.status() == AuthOutcome.UNAVAILABLE) {
            response.putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        response.end(new JsonObject().put("detail", outcome.detail()).encode());
    }
}
