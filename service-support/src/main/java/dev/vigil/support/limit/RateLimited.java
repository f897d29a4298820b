package dev.vigil.support.limit;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal by a rate limit: 429 with {@code Retry-After} (whole seconds) and a JSON body naming the limit
 * by its configuration key.
 */
public record RateLimited(String limit, double perSecond, long retryAfterSeconds) {

    public static final int TOO_MANY_REQUESTS = 429;

    public String detail() {
        return "Rate limit exceeded: " + limit + " is " + rate() + " per second; retry after "
                + retryAfterSeconds + " s";
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail());
        body.put("limit", limit);
        body.put("limit_per_second", perSecond);
        body.put("retry_after", retryAfterSeconds);
        return body;
    }

    /** For a JAX-RS resource. */
    public Response response() {
        return Response.status(TOO_MANY_REQUESTS).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).entity(body()).build();
    }

    /** For a route filter. */
    public void end(HttpServerResponse response) {
        response.setStatusCode(TOO_MANY_REQUESTS)
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .end(Json.encode(body()));
    }

    private String rate() {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
