package dev.vigil.ingest.event;

import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.ingest.limit.IngestLimits;
import dev.vigil.ingest.metrics.IngestMetrics.Refusal;
import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.model.event.Event;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.event.EventPublisher;
import dev.vigil.support.limit.RateLimited;
import dev.vigil.support.trace.Traces;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/events}: a JSON array of events, in two modes.
 * <ul>
 *   <li>Default (Prefect's): all or nothing. Any invalid event rejects the whole batch with 422 naming
 *       each bad event's index and field, so a client never has to guess which were kept; 204 once
 *       Kafka has acknowledged every event.</li>
 *   <li>{@code ?partial=true}: the valid events are accepted and the invalid ones reported. The reply
 *       is 200 {@code {"accepted": [id, ...], "rejected": [{"index", "id", "exception_detail"}]}},
 *       sent once Kafka has acknowledged every accepted event.</li>
 * </ul>
 * In both modes a broker failure answers 503 with {@code Retry-After}: nothing is reported accepted
 * that was not durably stored.
 */
@Path("/api/events")
public class EventsResource {

    private final EventPublisher publisher;
    private final EventBatchReader reader;
    private final EventValidator validator;
    private final IngestConfig config;
    private final IngestLimits limits;
    private final IngestMetrics metrics;
    private final Traces traces;

    public EventsResource(EventPublisher publisher, EventBatchReader reader, EventValidator validator,
            IngestConfig config, IngestLimits limits, IngestMetrics metrics, Traces traces) {
        this.traces = traces;
        this.publisher = publisher;
        this.reader = reader;
        this.validator = validator;
        this.config = config;
        this.limits = limits;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@HeaderParam(Workspaces.HEADER) String workspace,
            @QueryParam("partial") boolean partial, @Context HttpHeaders headers, byte[] body)
            throws IOException {
        String traceparent = headers.getHeaderString(Traces.HEADER);
        UUID workspaceId = Workspaces.parseOrDefault(workspace);
        String carried = traces.fromRequest(traceparent);
        return partial ? createPartially(workspaceId, body, carried) : createAll(workspaceId, body, carried);
    }

    private Uni<Response> createAll(UUID workspaceId, byte[] body, String traceparent) throws IOException {
        List<Event> events = reader.readAll(body);
        List<FieldProblem> problems = validator.problems(events, body.length);
        if (!problems.isEmpty()) {
            metrics.refused(Refusal.INVALID, events == null ? 1 : events.size());  // a body of JSON null: one refusal
            return Uni.createFrom().item(ErrorBodies.invalid(problems));
        }
        RateLimited refused = limits.events(workspaceId, events.size());
        if (refused != null) {
            metrics.refused(Refusal.RATE_LIMITED, events.size());
            return Uni.createFrom().item(refused.response());
        }
        OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC);
        List<ReceivedEvent> accepted = events.stream().map(e -> e.receive(received)).toList();
        return publish(workspaceId, accepted, traceparent, () -> Response.noContent().build());
    }

    private Uni<Response> createPartially(UUID workspaceId, byte[] body, String traceparent) throws IOException {
        OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC);
        List<ReceivedEvent> accepted = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (EventBatchReader.Element element : reader.readEach(body)) {
            List<FieldProblem> problems = element.event() == null ? element.problems()
                    : validator.problems(element.event(), element.index());
            if (problems.isEmpty()) {
                accepted.add(element.event().receive(received));
            } else {
                Map<String, Object> rejection = new LinkedHashMap<>();
                rejection.put("index", element.index());
                rejection.put("id", element.id());
                rejection.put("exception_detail", problems);
                rejected.add(rejection);
            }
        }
        metrics.refused(Refusal.INVALID, rejected.size());
        RateLimited refused = limits.events(workspaceId, accepted.size());
        if (refused != null) {
            metrics.refused(Refusal.RATE_LIMITED, accepted.size());
            return Uni.createFrom().item(refused.response());
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("accepted", accepted.stream().map(ReceivedEvent::id).toList());
        outcome.put("rejected", rejected);
        return publish(workspaceId, accepted, traceparent,
                () -> Response.ok(outcome, MediaType.APPLICATION_JSON_TYPE).build());
    }

    private Uni<Response> publish(UUID workspaceId, List<ReceivedEvent> events, String traceparent,
            java.util.function.Supplier<Response> onAcknowledged) {
        return publisher.publishAll(workspaceId, events, traceparent)
                .map(ignored -> {
                    metrics.accepted(events.size());
                    return onAcknowledged.get();
                })
                .onFailure().recoverWithItem(failure -> {
                    metrics.refused(Refusal.BROKER_UNAVAILABLE, events.size());
                    Log.warnf("Events not accepted, the broker did not acknowledge them: %s", failure.getMessage());
                    Response unavailable = ErrorBodies.detail(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(),
                            "Event broker unavailable; retry later");
                    return Response.fromResponse(unavailable)
                            .header(HttpHeaders.RETRY_AFTER, config.retryAfter().toSeconds()).build();
                });
    }
}
