package dev.vigil.evaluator.automation;

import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.PathIds;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Prefect's automations API: {@code /api/automations}. */
@Path("/api/automations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AutomationResource {

    private static final String NOT_FOUND = "Automation not found";

    private final AutomationService service;

    public AutomationResource(AutomationService service) {
        this.service = service;
    }

    @POST
    @Path("/")
    public Uni<Response> create(@HeaderParam(Workspaces.HEADER) String workspace, AutomationCreate body) {
        return service.create(Workspaces.parseOrDefault(workspace), body)
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> read(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id) {
        UUID automationId = PathIds.parse("id", id);
        return service.find(Workspaces.parseOrDefault(workspace), automationId)
                .map(found -> found == null ? notFound() : Response.ok(found).build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id) {
        UUID automationId = PathIds.parse("id", id);
        return service.delete(Workspaces.parseOrDefault(workspace), automationId)
                .map(deleted -> deleted ? Response.noContent().build() : notFound());
    }

    private static Response notFound() {
        return ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(), NOT_FOUND);
    }
}
