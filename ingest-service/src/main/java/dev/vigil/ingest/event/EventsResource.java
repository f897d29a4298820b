package dev.vigil.ingest.event;

import dev.vigil.support.event.EventPublisher;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.model.event.Event;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code POST /api/events}: a JSON array of events. The whole batch is rejected when any event is
 * invalid (422 naming each bad event's index and field), so a client never has to guess which
 * were kept. The reply is 204 only once Kafka has acknowledged every event.
 */
@Path("/api/events")
public class EventsResource {

    private final EventPublisher publisher;
    private final IngestConfig config;

    public EventsResource(EventPublisher publisher, IngestConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@HeaderParam(Workspaces.HEADER) String workspace, List<Event> events) {
        List<FieldProblem> problems = EventValidator.problems(events);
        if (!problems.isEmpty()) {
            return Uni.createFrom().item(ErrorBodies.invalid(problems));
        }
        OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC);
        List<ReceivedEvent> accepted = events.stream().map(e -> e.receive(received)).toList();
        return publisher.publishAll(Workspaces.parseOrDefault(workspace), accepted)
                .map(ignored -> Response.noContent().build())
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Events not accepted, the broker did not acknowledge them: %s", failure.getMessage());
                    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                            .header(HttpHeaders.RETRY_AFTER, config.retryAfter().toSeconds())
                            .type(MediaType.APPLICATION_JSON)
                            .entity(java.util.Map.of("detail", "Event broker unavailable; retry later"))
                            .build();
                });
    }
}
