package dev.vigil.actuator.block;

import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.error.PathIds;
import dev.vigil.support.json.CheckedJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import java.util.UUID;
import java.util.stream.Collectors;

/** Prefect's block documents API: {@code /api/block_documents}. Secret fields are write-only. */
@CheckedJson
@Path("/api/block_documents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BlockDocumentResource {

    private static final String NOT_FOUND = "Block document not found";

    private final BlockDocumentService service;
    private final BlockReferences references;

    public BlockDocumentResource(BlockDocumentService service, BlockReferences references) {
        this.service = service;
        this.references = references;
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

    /**
     * Deletes a block. One that automations use is refused (409 naming them) unless {@code ?force=true};
     * when the evaluator cannot say which automations use it, 503 and nothing is deleted.
     */
    @PATCH
    @Path("/{id}")
    public Uni<Response> update(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id,
                                BlockDocumentUpdate body) {
        BlockDocumentUpdate update = body == null ? BlockDocumentUpdate.of(null, null) : body;
        return service.update(Workspaces.parseOrDefault(workspace), PathIds.parse("id", id), update)
                .map(updated -> updated == null ? notFound() : Response.noContent().build());
    }

    @POST
    @Path("/filter")
    public Uni<List<BlockDocument>> filter(@HeaderParam(Workspaces.HEADER) String workspace,
                                          BlockDocumentFilter body) {
        BlockDocumentFilter filter = body == null ? new BlockDocumentFilter(null, null, null, null) : body;
        if (filter.effectiveLimit() < 0 || filter.effectiveLimit() > BlockDocumentFilter.MAX_LIMIT) {
            throw new ValidationProblemException(FieldProblem.body(
                    "limit must be between 0 and " + BlockDocumentFilter.MAX_LIMIT, "less_than_equal", "limit"));
        }
        if (filter.effectiveOffset() < 0) {
            throw new ValidationProblemException(FieldProblem.body("offset must be greater than or equal to 0",
                    "greater_than_equal", "offset"));
        }
        return service.filter(Workspaces.parseOrDefault(workspace), filter);
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@HeaderParam(Workspaces.HEADER) String workspace, @PathParam("id") String id,
                                @QueryParam("force") @DefaultValue("false") boolean force) {
        UUID workspaceId = Workspaces.parseOrDefault(workspace);
        UUID blockId = PathIds.parse("id", id);
        return service.find(workspaceId, blockId).chain(found -> {
            if (found == null) {
                return Uni.createFrom().item(notFound());
            }
            Uni<List<BlockReferences.Reference>> users = force ? Uni.createFrom().item(List.of())
                    : references.to(workspaceId, blockId);
            return users.chain(refs -> refs.isEmpty()
                            ? service.delete(workspaceId, blockId).map(d -> d ? Response.noContent().build() : notFound())
                            : Uni.createFrom().item(inUse(blockId, refs)))
                    .onFailure(EvaluatorUnavailableException.class).recoverWithItem(e -> ErrorBodies.detail(
                            Response.Status.SERVICE_UNAVAILABLE.getStatusCode(),
                            "Cannot check which automations use this block, so it was not deleted ("
                                    + e.getMessage() + "); try again, or delete with ?force=true"));
        });
    }

    private static Response inUse(UUID blockId, List<BlockReferences.Reference> refs) {
        String names = refs.stream().map(r -> "'" + r.name() + "' (" + r.id() + ")").collect(Collectors.joining(", "));
        return ErrorBodies.detail(Response.Status.CONFLICT.getStatusCode(), "Block document " + blockId
                + " is used by automation(s) " + names + "; delete with ?force=true to delete it anyway");
    }

    @ServerExceptionMapper
    public Response exists(BlockExistsException e) {
        return ErrorBodies.detail(Response.Status.CONFLICT.getStatusCode(), BlockExistsException.DETAIL);
    }

    private static Response notFound() {
        return ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(), NOT_FOUND);
    }
}
