package dev.vigil.actuator.block;

import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.PathIds;
import dev.vigil.support.json.CheckedJson;
import io.smallrye.common.annotation.NonBlocking;
import dev.vigil.model.messaging.Workspaces;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The read-only block type catalogue: {@code GET /api/block_types}, Prefect's
 * {@code POST /api/block_types/filter}, {@code GET /api/block_types/slug/{slug}} and
 * {@code GET /api/block_types/{id}}. Served from memory, so these never block. Prefect's SDK registers its
 * block type before saving a block: a create of a supported type is a 409 (it exists, as in Prefect), and the
 * update it sends when its description or logo differ from ours is accepted and changes nothing (the catalogue
 * is fixed); built-in types cannot be deleted (403, as Prefect's protected types).
 */
@CheckedJson
@Path("/api/block_types")
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
public class BlockTypeResource {

    private static final String NOT_FOUND = "Block type not found";

    private final BlockTypeCatalog catalog;
    private final BlockRegistrations registrations;
    private final BlockDocumentService documents;

    public BlockTypeResource(BlockTypeCatalog catalog, BlockRegistrations registrations,
                             BlockDocumentService documents) {
        this.catalog = catalog;
        this.registrations = registrations;
        this.documents = documents;
    }

    /**
     * Prefect's read of a block by type and name ({@code Block.load("name")}, and the SDK's overwrite of a saved
     * block). Secrets stay obfuscated whatever {@code include_secrets} asks: Vigil never returns them.
     */
    @GET
    @Path("/slug/{slug}/block_documents/name/{name}")
    public Uni<Response> documentByName(@HeaderParam(Workspaces.HEADER) String workspace,
                                        @PathParam("slug") String slug, @PathParam("name") String name) {
        return documents.findByName(Workspaces.parseOrDefault(workspace), slug, name)
                .map(found -> found == null ? ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(),
                        "Block document not found") : Response.ok(found).build());
    }

    @POST
    @Path("/")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(BlockRegistrations.TypeCreate body) {
        return registrations.type(body);
    }

    /** Prefect's {@code BlockTypeUpdate} (logo, documentation URL, description, code example): 204, no change. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id) {
        return catalog.byTypeId(PathIds.parse("id", id)).map(t -> Response.noContent().build())
                .orElseGet(BlockTypeResource::notFound);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        return catalog.byTypeId(PathIds.parse("id", id))
                .map(t -> ErrorBodies.detail(Response.Status.FORBIDDEN.getStatusCode(),
                        "protected block types cannot be deleted."))
                .orElseGet(BlockTypeResource::notFound);
    }

    @GET
    public List<BlockTypeView> list() {
        return catalog.all().stream().map(BlockTypeView::of).toList();
    }

    /** Prefect's form; filters in the body are accepted and the whole (small) catalogue is returned. */
    @POST
    @Path("/filter")
    public List<BlockTypeView> filter() {
        return list();
    }

    @GET
    @Path("/slug/{slug}")
    public Response bySlug(@PathParam("slug") String slug) {
        return catalog.bySlug(slug).map(t -> Response.ok(BlockTypeView.of(t)).build()).orElseGet(BlockTypeResource::notFound);
    }

    @GET
    @Path("/{id}")
    public Response byId(@PathParam("id") String id) {
        return catalog.byTypeId(PathIds.parse("id", id)).map(t -> Response.ok(BlockTypeView.of(t)).build()).orElseGet(BlockTypeResource::notFound);
    }

    private static Response notFound() {
        return ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(), NOT_FOUND);
    }
}
