package dev.vigil.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.vigil.console.config.ConsoleConfig;
import dev.vigil.console.session.NotSignedInException;
import dev.vigil.console.session.Session;
import dev.vigil.model.json.VigilJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Calls the services' REST APIs with the signed-in user's key, so the same roles and workspace rules
 * apply as for any API client. Non-blocking (Vert.x web client), each call bounded by
 * {@code vigil.console.services.timeout}. A 401 means the key no longer works: the user is signed out.
 */
@ApplicationScoped
public class ApiClient {

    private static final String API = "/api";
    private static final int UNAUTHORIZED = 401;
    private static final int UNREACHABLE = 0;

    private final WebClient client;
    private final Map<VigilService, String> baseUrls = new EnumMap<>(VigilService.class);
    private final long timeoutMs;
    private final long backtestTimeoutMs;
    private final ObjectMapper json = VigilJson.mapper();

    public ApiClient(Vertx vertx, ConsoleConfig config) {
        this.timeoutMs = config.services().timeout().toMillis();
        this.backtestTimeoutMs = config.services().backtestTimeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeoutMs)
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setUserAgent("Vigil-Console"));
        baseUrls.put(VigilService.INGEST, trim(config.services().ingestUrl()));
        baseUrls.put(VigilService.EVALUATOR, trim(config.services().evaluatorUrl()));
        baseUrls.put(VigilService.ACTUATOR, trim(config.services().actuatorUrl()));
    }

    public Uni<ApiResponse> get(Session session, VigilService service, String path) {
        return call(session, service, HttpMethod.GET, path, null);
    }

    public Uni<ApiResponse> post(Session session, VigilService service, String path, Object body) {
        return call(session, service, HttpMethod.POST, path, body);
    }

    /** A backtest: a POST bounded by {@code vigil.console.services.backtest-timeout} instead of the ordinary bound. */
    public Uni<ApiResponse> backtest(Session session, Object body) {
        return call(session, VigilService.EVALUATOR, HttpMethod.POST, "/automations/backtest", body,
                backtestTimeoutMs);
    }

    public Uni<ApiResponse> put(Session session, VigilService service, String path, Object body) {
        return call(session, service, HttpMethod.PUT, path, body);
    }

    /** A PUT that only applies to the version {@code etag} names ({@code If-Match}; none when null): else 412. */
    public Uni<ApiResponse> putIfMatch(Session session, VigilService service, String path, Object body,
                                       String etag) {
        return call(session, service, HttpMethod.PUT, path, body, timeoutMs, etag);
    }

    public Uni<ApiResponse> patch(Session session, VigilService service, String path, Object body) {
        return call(session, service, HttpMethod.PATCH, path, body);
    }

    public Uni<ApiResponse> delete(Session session, VigilService service, String path) {
        return call(session, service, HttpMethod.DELETE, path, null);
    }

    /**
     * One call of {@code /api<workspace prefix><path>}. {@code body} is sent as JSON: a String as it is
     * (a user's document), anything else serialized.
     */
    public Uni<ApiResponse> call(Session session, VigilService service, HttpMethod method, String path, Object body) {
        return call(session, service, method, path, body, timeoutMs);
    }

    private Uni<ApiResponse> call(Session session, VigilService service, HttpMethod method, String path, Object body,
                                  long boundMs) {
        return call(session, service, method, path, body, boundMs, null);
    }

    private Uni<ApiResponse> call(Session session, VigilService service, HttpMethod method, String path, Object body,
                                  long boundMs, String ifMatch) {
        String url = baseUrls.get(service) + API + session.workspacePrefix() + path;
        HttpRequest<Buffer> request = client.requestAbs(method, url)
                .timeout(boundMs)
                .putHeader("Accept", "application/json")
                .putHeader("Authorization", "Bearer " + session.apiKey());
        if (ifMatch != null) {
            request.putHeader("If-Match", ifMatch);
        }
        Uni<HttpResponse<Buffer>> sent;
        if (body == null) {
            sent = request.send();
        } else {
            sent = request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(serialize(body)));
        }
        return sent
                .onFailure().transform(e -> new ApiFailureException(service.name().toLowerCase() + " is unreachable",
                        UNREACHABLE, e.getClass().getSimpleName()))
                .map(response -> {
                    if (response.statusCode() == UNAUTHORIZED) {
                        throw new NotSignedInException();
                    }
                    return new ApiResponse(response.statusCode(), parse(response.body()),
                            response.getHeader("ETag"));
                });
    }

    private String serialize(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body", e);
        }
    }

    private JsonNode parse(Buffer body) {
        if (body == null || body.length() == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body.getBytes());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String trim(String url) {
        return url.replaceAll("/+$", "");
    }
}
