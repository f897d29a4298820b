package dev.vigil.ingest.webhook;

import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.ingest.limit.IngestLimits;
import dev.vigil.ingest.metrics.IngestMetrics.Refusal;
import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.model.causal.CausalChain;
import dev.vigil.model.causal.CausalSignature;
import dev.vigil.model.event.Event;
import dev.vigil.model.event.EventIds;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.support.causal.CausalSigning;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.event.EventPublisher;
import dev.vigil.support.limit.RateLimited;
import dev.vigil.support.trace.Traces;
import dev.vigil.support.vertx.OffEventLoop;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * {@code /hooks/{slug}} (POST, PUT, PATCH, GET): 204 once the rendered events are acknowledged by
 * Kafka; 404 for an unknown or disabled slug; 401 for a missing or bad signature; 400 with the
 * render or validation error. Each 401/400 also publishes a {@code prefect-cloud.webhook.failed}
 * event carrying the redacted request and the error. Every call of a known webhook is recorded in
 * its request history ({@link WebhookRequestLog}) before the reply.
 * <p>
 * The events a call produces, the failure event included, carry its trace context on in their Kafka records, as
 * {@code POST /api/events} does: the HTTP server span's when tracing (its parent the call's {@code traceparent}),
 * else the call's own {@code traceparent} if valid ({@link Traces#fromRequest}).
 */
@Path("/hooks/{slug}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class HooksResource {

    static final String FAILED_EVENT = "prefect-cloud.webhook.failed";
    static final String RESOURCE_PREFIX = "prefect-cloud.webhook.";
    /** Stripe's and Standard Webhooks' replay window. */
    private static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);
    /** Most characters of a failed request's body kept in the failure event. */
    private static final int FAILED_BODY_CHARS = 10_000;
    private static final int UNAUTHORIZED = 401;
    private static final int BAD_REQUEST = 400;
    private static final int NOT_FOUND = 404;
    private static final int NO_CONTENT = 204;
    /** Set on the answer to a signed request seen before (answered 204, no event). */
    static final String REPLAY_HEADER = "Vigil-Replay";
    static final String REPLAY_NOTE = "Replayed signed request: already accepted, no event";
    private static final int UNAVAILABLE = 503;

    private final WebhookStore store;
    private final WebhookRenderer renderer;
    private final EventPublisher publisher;
    private final WebhookRequestLog history;
    private final IngestConfig config;
    private final SignatureVerifier verifier = new SignatureVerifier(REPLAY_WINDOW);
    private final Optional<CausalSignature> causal;
    private final IngestLimits limits;
    private final ReplayGuard replays;
    private final IngestMetrics metrics;
    private final Traces traces;

    public HooksResource(WebhookStore store, WebhookRenderer renderer, EventPublisher publisher,
            WebhookRequestLog history, IngestConfig config, CausalSigning causal, IngestLimits limits,
            ReplayGuard replays, IngestMetrics metrics, Traces traces) {
        this.traces = traces;
        this.metrics = metrics;
        this.replays = replays;
        this.store = store;
        this.renderer = renderer;
        this.publisher = publisher;
        this.history = history;
        this.config = config;
        this.causal = causal.signature();
        this.limits = limits;
    }

    @POST
    public Uni<Response> post(@PathParam("slug") String slug, @Context HttpHeaders headers, @Context UriInfo uri,
            byte[] body) {
        return call(slug, request("POST", headers, uri, body));
    }

    @PUT
    public Uni<Response> put(@PathParam("slug") String slug, @Context HttpHeaders headers, @Context UriInfo uri,
            byte[] body) {
        return call(slug, request("PUT", headers, uri, body));
    }

    @PATCH
    public Uni<Response> patch(@PathParam("slug") String slug, @Context HttpHeaders headers, @Context UriInfo uri,
            byte[] body) {
        return call(slug, request("PATCH", headers, uri, body));
    }

    @GET
    public Uni<Response> get(@PathParam("slug") String slug, @Context HttpHeaders headers, @Context UriInfo uri) {
        return call(slug, request("GET", headers, uri, new byte[0]));
    }

    private Uni<Response> call(String slug, IncomingRequest request) {
        RateLimited refused = limits.webhookCall(slug);
        if (refused != null) {
            return Uni.createFrom().item(refused.response());
        }
        Executor requestContext = OffEventLoop.callersContext();
        // Read on the request's own context, where the HTTP server span is current.
        String traceparent = traces.fromRequest(request.header(Traces.HEADER));
        return store.bySlug(slug).flatMap(webhook -> {
            if (webhook == null || !webhook.enabled()) {
                return Uni.createFrom().item(ErrorBodies.detail(NOT_FOUND, "Webhook not found"));
            }
            if (webhook.signature() == null) {
                return accept(webhook, request, traceparent, requestContext);
            }
            Optional<String> bad = verifier.verify(webhook.signature().scheme(), webhook.secret(),
                    webhook.signature().header(), request::header, request.body(), Instant.now());
            if (bad.isPresent()) {
                return fail(webhook, request, UNAUTHORIZED, bad.get(), traceparent, requestContext);
            }
            Optional<String> identity = ReplayGuard.identity(webhook.signature().scheme(), request::header);
            if (identity.isEmpty()) {
                return accept(webhook, request, traceparent, requestContext);
            }
            return replays.first(webhook.workspaceId(), webhook.id(), identity.get(), REPLAY_WINDOW)
                    .onFailure().invoke(e -> Log.warnf("Webhook %s: replay guard unavailable: %s", webhook.id(),
                            e.getMessage()))
                    .onFailure().recoverWithNull()
                    .emitOn(requestContext)
                    .flatMap(first -> first == null ? Uni.createFrom().item(guardUnavailable())
                            : first ? acceptOnce(webhook, request, identity.get(), traceparent, requestContext)
                            : replayed(webhook, request));
        });
    }

    /** Answered like the first copy, so a sender that lost the first answer stops retrying; no second event. */
    private Uni<Response> replayed(Webhook webhook, IncomingRequest request) {
        return history.record(webhook, request, NO_CONTENT, null, REPLAY_NOTE)
                .map(ignored -> Response.noContent().header(REPLAY_HEADER, "true").build());
    }

    private Response guardUnavailable() {
        return Response.fromResponse(ErrorBodies.detail(UNAVAILABLE, "Replay guard unavailable; retry later"))
                .header(HttpHeaders.RETRY_AFTER, config.retryAfter().toSeconds()).build();
    }

    /** Accepts a first signed request; if its events are not accepted, forgets it so a retry is not a replay. */
    private Uni<Response> acceptOnce(Webhook webhook, IncomingRequest request, String identity,
            String traceparent, Executor requestContext) {
        return accept(webhook, request, traceparent, requestContext).call(response -> response.getStatus() == NO_CONTENT
                ? Uni.createFrom().voidItem()
                : replays.forget(webhook.workspaceId(), webhook.id(), identity)
                        .onFailure().invoke(e -> Log.warnf("Webhook %s: could not forget a refused request: %s",
                                webhook.id(), e.getMessage()))
                        .onFailure().recoverWithNull()
                        .emitOn(requestContext));
    }

    private Uni<Response> accept(Webhook webhook, IncomingRequest request, String traceparent,
            Executor requestContext) {
        return Uni.createFrom().item(() -> renderer.render(webhook.template(), request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(requestContext)
                .flatMap(events -> publish(webhook, request, events, traceparent, requestContext))
                .onFailure(WebhookRejection.class)
                .recoverWithUni(e -> fail(webhook, request, BAD_REQUEST, e.getMessage(), traceparent,
                        requestContext));
    }

    private Uni<Response> publish(Webhook webhook, IncomingRequest request, List<Event> events, String traceparent,
            Executor requestContext) {
        OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> chain = causalChain(webhook, request);
        List<ReceivedEvent> accepted = events.stream()
                .map(e -> WebhookEvents.madeBy(webhook, e.receive(received)))
                .map(e -> chain.isEmpty() ? e : CausalChain.withChain(e, chain))
                .toList();
        return publisher.publishAll(webhook.workspaceId(), accepted, traceparent)
                .invoke(() -> metrics.accepted(accepted.size()))
                .emitOn(requestContext)
                .flatMap(ignored -> history.record(webhook, request, NO_CONTENT, accepted, null))
                .map(ignored -> Response.noContent().build())
                .onFailure().recoverWithUni(failure -> {
                    metrics.refused(Refusal.BROKER_UNAVAILABLE, accepted.size());
                    Log.warnf("Webhook %s events not accepted by the broker: %s", webhook.id(), failure.getMessage());
                    String error = "Event broker unavailable; retry later";
                    return history.record(webhook, request, UNAVAILABLE, null, error).map(ignored ->
                            Response.fromResponse(ErrorBodies.detail(UNAVAILABLE, error))
                                    .header(HttpHeaders.RETRY_AFTER, config.retryAfter().toSeconds()).build());
                });
    }

    /**
     * The causal chain of a call made by one of this workspace's own call-webhook actions (the loop guard);
     * empty for any other caller, or when the signature does not hold.
     */
    private List<String> causalChain(Webhook webhook, IncomingRequest request) {
        if (causal.isEmpty()) {
            return List.of();
        }
        return causal.get().verify(webhook.workspaceId(), request.header(CausalSignature.CHAIN_HEADER),
                request.header(CausalSignature.SIGNATURE_HEADER), Instant.now()).orElse(List.of());
    }

    private Uni<Response> fail(Webhook webhook, IncomingRequest request, int status, String error,
            String traceparent, Executor requestContext) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> redacted = new LinkedHashMap<>();
        redacted.put("method", request.method());
        redacted.put("headers", request.redactedHeaders());
        redacted.put("query", request.redactedQuery());
        String body = new String(request.body(), StandardCharsets.UTF_8);
        redacted.put("body", body.length() > FAILED_BODY_CHARS ? body.substring(0, FAILED_BODY_CHARS) : body);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("request", redacted);
        payload.put("error", error);
        payload.put("status_code", status);
        ReceivedEvent failed = new ReceivedEvent(now, FAILED_EVENT,
                new Resource(Map.of(Resource.ID, RESOURCE_PREFIX + webhook.id(), Resource.NAME, webhook.name())),
                List.of(), payload, EventIds.uuid7(), null, now);
        return publisher.publish(webhook.workspaceId(), failed, traceparent)
                .onFailure().invoke(e -> Log.warnf("Could not publish %s for webhook %s: %s", FAILED_EVENT,
                        webhook.id(), e.getMessage()))
                .onFailure().recoverWithNull()
                .emitOn(requestContext)
                .flatMap(ignored -> history.record(webhook, request, status, null, error))
                .map(ignored -> ErrorBodies.detail(status, error));
    }

    /**
     * Runs continuations on the request's Vert.x context: the broker acknowledges on its own threads
     * and rendering runs on a worker, and the reply must be written from the request's context.
     */

    private static IncomingRequest request(String method, HttpHeaders headers, UriInfo uri, byte[] body) {
        Map<String, String> flat = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> flat.put(name, String.join(", ", values)));
        Map<String, String> query = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> query.put(name, values.get(0)));
        return new IncomingRequest(method, flat, query, body == null ? new byte[0] : body);
    }
}
