package dev.vigil.actuator.incident;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.PathIds;
import dev.vigil.support.error.QueryPaging;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.event.EventPublisher;
import dev.vigil.support.json.CheckedJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/incidents} (filter {@code status}, newest first), {@code GET /api/incidents/{id}}
 * and {@code PATCH /api/incidents/{id}} {@code {"status": "resolved"}}, which emits
 * {@code prefect.incident.resolved} when it resolves an open incident.
 */
@CheckedJson
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private static final String NOT_FOUND = "Incident not found";

    private final IncidentStore store;
    private final EventPublisher events;
    private final int maxPageSize;

    public IncidentResource(IncidentStore store, EventPublisher events, ActuatorConfig config) {
        this.store = store;
        this.events = events;
        this.maxPageSize = config.maxPageSize();
    }

    @GET
    public Uni<List<Incident>> list(@HeaderParam(Workspaces.HEADER) String workspace,
                                    @QueryParam("status") String status,
                                    @QueryParam("limit") @DefaultValue("50") int limit,
                                    @QueryParam("offset") @DefaultValue("0") int offset) {
        QueryPaging.check(limit, offset, maxPageSize);
        return store.list(Workspaces.parseOrDefault(workspace), status == null ? null
                : status(List.of("query", "status"), status), limit, offset);
    }

    @GET
    @Path("/{id}")
    public Uni<Response> read(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id) {
        return store.find(Workspaces.parseOrDefault(workspace), PathIds.parse("id", id))
                .map(found -> found == null ? notFound() : Response.ok(found).build());
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> update(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id,
                                Map<String, Object> body) {
        UUID workspaceId = Workspaces.parseOrDefault(workspace);
        UUID incidentId = PathIds.parse("id", id);
        if (body == null || !body.containsKey("status")) {
            throw problem(List.of("body", "status"), "Field required", "missing");
        }
        if (!(body.get("status") instanceof String text)
                || status(List.of("body", "status"), text) != IncidentStatus.RESOLVED) {
            throw problem(List.of("body", "status"), "Only 'resolved' can be set", "literal_error");
        }
        return store.resolve(workspaceId, incidentId).chain(resolved -> {
            if (resolved != null) {
                return events.publish(workspaceId, IncidentEvents.resolved(resolved))
                        .map(ignored -> Response.ok(resolved).build());
            }
            return store.find(workspaceId, incidentId)
                    .map(found -> found == null ? notFound() : Response.ok(found).build());
        });
    }

    private static IncidentStatus status(List<Object> loc, String value) {
        try {
            return IncidentStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw problem(loc, "Must be one of open, resolved", "enum");
        }
    }

    private static ValidationProblemException problem(List<Object> loc, String msg, String type) {
        return new ValidationProblemException(new FieldProblem(loc, msg, type));
    }

    private static Response notFound() {
        return ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(), NOT_FOUND);
    }
}
