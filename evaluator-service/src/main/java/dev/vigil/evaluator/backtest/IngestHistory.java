package dev.vigil.evaluator.backtest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.ServiceCredentials;
import dev.vigil.support.error.ErrorBodies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Reads stored events from ingest's history API ({@code POST /api/events/filter}, then
 * {@code GET /api/events/filter/next?page-token=…}), oldest first, for a backtest. A workspace
 * other than the default is addressed with Prefect Cloud's path prefix. Refuses (413) more than
 * {@code max} events as soon as ingest's {@code total} says so; an ingest that cannot be reached
 * is a 503, one that answers with an error a 502.
 */
@ApplicationScoped
public class IngestHistory {

    static final int PAYLOAD_TOO_LARGE = 413;
    static final int BAD_GATEWAY = 502;
    static final int UNAVAILABLE = 503;
    private static final int OK = 200;
    /** Ingest's path filter needs an account id; it scopes by the workspace alone. */
    private static final UUID ANY_ACCOUNT = new UUID(0, 0);
    private static final String PAGE_TOKEN = "page-token=";

    /** Prefect's {@code EventPage}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EventPage(List<ReceivedEvent> events, long total, String nextPage) {
    }

    private final WebClient client;
    private final ObjectMapper json;
    private final String baseUrl;
    private final long timeoutMs;
    private final int pageSize;

    private final ServiceCredentials credentials;

    public IngestHistory(Vertx vertx, ObjectMapper json, EvaluatorConfig config, ServiceCredentials credentials) {
        this.credentials = credentials;
        this.json = json;
        this.baseUrl = config.ingest().url().replaceAll("/+$", "");
        this.timeoutMs = config.ingest().timeout().toMillis();
        this.pageSize = config.ingest().pageSize();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeoutMs)
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setUserAgent("Vigil-Evaluator"));
    }

    /**
     * Every stored event of the workspace that occurred in {@code [since, until]}, oldest first; only those whose
     * name starts with one of {@code namePrefixes} when they are given.
     */
    public Uni<List<ReceivedEvent>> read(UUID workspaceId, Instant since, Instant until,
                                         Optional<List<String>> namePrefixes, int max) {
        ObjectNode body = json.createObjectNode();
        ObjectNode filter = body.putObject("filter");
        filter.putObject("occurred").put("since", since.toString()).put("until", until.toString());
        namePrefixes.ifPresent(prefixes -> {
            var prefix = filter.putObject("event").putArray("prefix");
            prefixes.forEach(prefix::add);
        });
        filter.put("order", "ASC");
        body.put("limit", pageSize);
        String prefix = apiPrefix(workspaceId);
        return call(HttpMethod.POST, prefix + "/events/filter", body.toString())
                .chain(first -> {
                    if (first.total() > max) {
                        return Uni.createFrom().failure(tooMany(first.total(), max));
                    }
                    List<ReceivedEvent> events = new ArrayList<>((int) first.total());
                    return collect(prefix, first, events, max);
                });
    }

    private Uni<List<ReceivedEvent>> collect(String prefix, EventPage page, List<ReceivedEvent> events, int max) {
        if (page.events() != null) {
            events.addAll(page.events());
        }
        if (events.size() > max) {
            // More arrived than ingest counted at first (its count is fixed per query; be safe anyway).
            return Uni.createFrom().failure(tooMany(events.size(), max));
        }
        String token = pageToken(page.nextPage());
        if (token == null || page.events() == null || page.events().isEmpty()) {
            return Uni.createFrom().item(events);
        }
        return call(HttpMethod.GET, prefix + "/events/filter/next?" + PAGE_TOKEN + token, null)
                .chain(next -> collect(prefix, next, events, max));
    }

    private Uni<EventPage> call(HttpMethod method, String path, String body) {
        var request = client.requestAbs(method, baseUrl + path).timeout(timeoutMs)
                .putHeader("Accept", "application/json");
        credentials.authorization().ifPresent(value -> request.putHeader("Authorization", value));
        Uni<HttpResponse<Buffer>> sent = body == null ? request.send()
                : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
        // timeout() above is an idle timeout; the deadline bounds the whole exchange.
        return sent.ifNoItem().after(Duration.ofMillis(timeoutMs)).failWith(() -> new TimeoutException(
                        "no complete answer within " + timeoutMs + " ms"))
                .onFailure().transform(e -> unavailable(e))
                .map(response -> {
                    if (response.statusCode() != OK) {
                        throw new WebApplicationException(ErrorBodies.detail(BAD_GATEWAY,
                                "The event history (ingest) answered " + response.statusCode() + " to " + path));
                    }
                    try {
                        return json.readValue(response.bodyAsString(), EventPage.class);
                    } catch (IOException e) {
                        throw new WebApplicationException(ErrorBodies.detail(BAD_GATEWAY,
                                "The event history (ingest) sent an unreadable page"));
                    }
                });
    }

    private static String apiPrefix(UUID workspaceId) {
        return Workspaces.DEFAULT.equals(workspaceId) ? "/api"
                : "/api/accounts/" + ANY_ACCOUNT + "/workspaces/" + workspaceId;
    }

    /** The token of a {@code next_page} link, still URL-encoded; the link's host is ingest's public URL, not ours to call. */
    static String pageToken(String nextPage) {
        if (nextPage == null || nextPage.isBlank()) {
            return null;
        }
        String query = URI.create(nextPage).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            if (part.startsWith(PAGE_TOKEN)) {
                String raw = part.substring(PAGE_TOKEN.length());
                // Normalise the encoding: decode what ingest encoded, re-encode for our request.
                return java.net.URLEncoder.encode(URLDecoder.decode(raw, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static Throwable unavailable(Throwable cause) {
        if (cause instanceof WebApplicationException) {
            return cause;
        }
        return new WebApplicationException(ErrorBodies.detail(UNAVAILABLE,
                "The event history (ingest) is unavailable: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")));
    }

    private static WebApplicationException tooMany(long count, int max) {
        return new WebApplicationException(ErrorBodies.detail(PAYLOAD_TOO_LARGE,
                "A backtest replays at most " + max + " events; this range holds " + count));
    }
}
