package dev.vigil.actuator.block;

import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.PathIds;
import dev.vigil.support.json.CheckedJson;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
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
 * {@code GET /api/block_types/{id}}. Served from memory, so these never block.
 */
@CheckedJson
@Path("/api/block_types")
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
public class BlockTypeResource {

    private static final String NOT_FOUND = "Block type not found";

    private final BlockTypeCatalog catalog;

    public BlockTypeResource(BlockTypeCatalog catalog) {
        this.catalog = catalog;
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
        return catalog.byId(PathIds.parse("id", id)).filter(t -> t.id().equals(PathIds.parse("id", id)))
                .map(t -> Response.ok(BlockTypeView.of(t)).build()).orElseGet(BlockTypeResource::notFound);
    }

    private static Response notFound() {
        return ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(), NOT_FOUND);
    }
}
