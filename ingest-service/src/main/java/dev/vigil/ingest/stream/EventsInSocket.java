package dev.vigil.ingest.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.ingest.event.EventBatchReader;
import dev.vigil.ingest.event.EventValidator;
import dev.vigil.ingest.limit.IngestLimits;
import dev.vigil.ingest.metrics.IngestMetrics.Refusal;
import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.model.event.Event;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.Permission;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.event.EventPublisher;
import dev.vigil.support.limit.RateLimited;
import dev.vigil.support.trace.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/events/in}, the protocol of Prefect's client: a first {@code {"type":"auth","token":<key>}}
 * (see {@link SocketAuthentication}; not needed after a handshake with a valid {@code Authorization}
 * header), then one event JSON per text frame. Accepted events get no
 * reply; a bad frame gets an error frame and the connection stays open. Events go to the broker
 * without waiting for each other, but a reply to a frame waits for the broker's verdict on every
 * event before it: an answered frame tells the client that its earlier events were accepted, except
 * those an "Event broker unavailable" error frame reported first.
 * <p>
 * Each accepted event carries a trace context on in its Kafka record, as {@code POST /api/events} does: when
 * tracing, a server span of its own ({@value #SPAN}, one per event, whose parent is the handshake's
 * {@code traceparent}, else a new trace); when not, the handshake's {@code traceparent} unchanged, if valid.
 */
@WebSocket(path = "/api/events/in")
public class EventsInSocket {

    /** RFC 6455 close code 1009. */
    private static final int MESSAGE_TOO_BIG = 1009;
    /** RFC 6455 close code 1013. */
    private static final int TRY_AGAIN_LATER = 1013;
    private static final UserData.TypedKey<InFlightEvents> IN_FLIGHT = new UserData.TypedKey<>("vigil.in.in-flight");
    private static final UserData.TypedKey<Boolean> STARTED = UserData.TypedKey.forBoolean("vigil.in.started");
    static final String SPAN = "vigil.events.in";

    private final ObjectMapper json;
    private final EventValidator validator;
    private final EventPublisher publisher;
    private final IngestConfig config;
    private final SocketAuthentication auth;
    private final IngestLimits limits;
    private final IngestMetrics metrics;
    private final Traces traces;

    public EventsInSocket(ObjectMapper json, EventValidator validator, EventPublisher publisher, IngestConfig config,
            SocketAuthentication auth, IngestLimits limits, IngestMetrics metrics, Traces traces) {
        this.traces = traces;
        this.auth = auth;
        this.json = json;
        this.validator = validator;
        this.publisher = publisher;
        this.config = config;
        this.limits = limits;
        this.metrics = metrics;
    }

    @OnTextMessage
    public Uni<Void> onMessage(String message, WebSocketConnection connection) {
        boolean first = connection.userData().put(STARTED, Boolean.TRUE) == null;
        JsonNode tree;
        try {
            tree = json.readTree(message);
        } catch (JsonProcessingException e) {
            if (!auth.isAuthenticated(connection) && !auth.acceptHandshake(connection)) {
                return auth.refuseUnauthenticated(connection);
            }
            return reply(connection, "Message is not valid JSON", List.of(FieldProblem.body(e.getOriginalMessage(), "json_invalid")));
        }
        if (first && tree != null && Frames.AUTH.equals(tree.path("type").asText(null))) {
            return auth.authenticate(connection, tree, Permission.EMIT_EVENTS);
        }
        if (!auth.isAuthenticated(connection) && !auth.acceptHandshake(connection)) {
            return auth.refuseUnauthenticated(connection);
        }
        Event event;
        try {
            event = json.treeToValue(tree, Event.class);
        } catch (JsonProcessingException e) {
            return reply(connection, "Message is not an event", List.of(EventBatchReader.describe(e)));
        }
        List<FieldProblem> problems = validator.problems(event);
        if (!problems.isEmpty()) {
            metrics.refused(Refusal.INVALID, 1);
            return reply(connection, "Event is invalid", problems);
        }
        String workspace = connection.handshakeRequest().header(Workspaces.HEADER);
        UUID workspaceId = Workspaces.parseOrDefault(workspace);
        RateLimited refused = limits.events(workspaceId, 1);
        if (refused != null) {
            metrics.refused(Refusal.RATE_LIMITED, 1);
            // The event is not accepted; the connection stays open, as after any refused frame.
            return reply(connection, refused.detail(), List.of(FieldProblem.body(refused.detail(), "rate_limited",
                    "limit", refused.limit())));
        }
        InFlightEvents inFlight = inFlight(connection);
        long number = inFlight.tryAcquire();
        if (number == InFlightEvents.FULL) {
            Log.debugf("Closing an events websocket: %d events already await the broker", inFlight.count());
            return connection.close(new CloseReason(TRY_AGAIN_LATER, "Too many events awaiting the broker"));
        }
        String handshake = connection.handshakeRequest().header(Traces.HEADER);
        Span span = traces.startRequest(SPAN, handshake);
        String traceparent = Traces.carry(span, Traces.valid(handshake));
        // Not awaited: the next message is read while this one is on its way, up to the in-flight bound.
        publisher.publish(workspaceId, event.receive(OffsetDateTime.now(ZoneOffset.UTC)), traceparent)
                .invoke(() -> metrics.accepted(1))
                .onFailure().call(failure -> {
                    metrics.refused(Refusal.BROKER_UNAVAILABLE, 1);
                    span.setStatus(StatusCode.ERROR, "not acknowledged by the broker");
                    Log.warnf("Websocket event not accepted, the broker did not acknowledge it: %s",
                            failure.getMessage());
                    return send(connection, "Event broker unavailable; the event was not accepted", List.of());
                })
                .onTermination().invoke(() -> {
                    inFlight.release(number);
                    span.end();
                })
                .subscribe().with(ignored -> { }, failure -> Log.debugf("Websocket event not accepted: %s", failure));
        return Uni.createFrom().voidItem();
    }

    private InFlightEvents inFlight(WebSocketConnection connection) {
        InFlightEvents inFlight = connection.userData().get(IN_FLIGHT);
        if (inFlight == null) {
            inFlight = new InFlightEvents(config.stream().maxInFlightPerConnection());
            connection.userData().put(IN_FLIGHT, inFlight);
        }
        return inFlight;
    }

    /**
     * A message over the size limit cannot be read, so the connection cannot go on: close it with
     * the standard "message too big" code instead of a generic internal error.
     */
    @OnError
    public Uni<Void> onOversizedMessage(IllegalStateException failure, WebSocketConnection connection) {
        Log.debugf("Closing an events websocket: %s", failure.getMessage());
        return connection.close(new CloseReason(MESSAGE_TOO_BIG, "Message too big"));
    }

    /** An error frame sent once the broker has settled every event read before the frame it answers. */
    private Uni<Void> reply(WebSocketConnection connection, String detail, List<FieldProblem> problems) {
        InFlightEvents inFlight = inFlight(connection);
        return Uni.createFrom().<Void>emitter(settled -> inFlight.afterAllSoFar(() -> settled.complete(null)))
                .chain(() -> send(connection, detail, problems));
    }

    private Uni<Void> send(WebSocketConnection connection, String detail, List<FieldProblem> problems) {
        return connection.sendText(Frames.error(json, detail, problems));
    }
}
