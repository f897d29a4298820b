package dev.vigil.actuator.block;

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

/** Prefect's block documents API: {@code /api/block_documents}. Secret fields are write-only. */
@Path("/api/block_documents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BlockDocumentResource {

    private static final String NOT_FOUND = "Block document not found";

    private final BlockDocumentService service;

    public BlockDocumentResource(BlockDocumentService service) {
        this.service = service;
    }

    @POST
    @Path("/")
    public Uni<Response> create(@HeaderParam(Workspaces.HEADER) String workspace, BlockDocumentCreate body) {
        return service.create(Workspaces.parseOrDefault(workspace), body)
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> read(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id) {
        return service.find(Workspaces.parseOrDefault(workspace), PathIds.parse("id", id))
                .map(found -> found == null ? notFound() : Response.ok(found).build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id) {
        return service.delete(Workspaces.parseOrDefault(workspace), PathIds.parse("id", id))
                .map(deleted -> deleted ? Response.noContent().build() : notFound());
    }

    private static Response notFound() {
        return ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(), NOT_FOUND);
    }
}
