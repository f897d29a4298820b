package dev.vigil.actuator.block;

import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.PathIds;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.json.CheckedJson;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Prefect's block schemas API, {@code /api/block_schemas}: one built-in schema per supported block type
 * (read by filter, id or checksum), and the schema registrations of Prefect's SDK ({@link BlockRegistrations}).
 * Served from memory, so these never block.
 */
@CheckedJson
@Path("/api/block_schemas")
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BlockSchemaResource {

    private static final String NOT_FOUND = "Block schema not found";

    private final BlockSchemaCatalog schemas;
    private final BlockRegistrations registrations;

    public BlockSchemaResource(BlockSchemaCatalog schemas, BlockRegistrations registrations) {
        this.schemas = schemas;
        this.registrations = registrations;
    }

    @POST
    @Path("/filter")
    public List<BlockSchemaView> filter(BlockSchemaQuery body) {
        BlockSchemaQuery query = body == null ? new BlockSchemaQuery(null, null, null) : body;
        if (query.effectiveLimit() < 0 || query.effectiveLimit() > BlockSchemaQuery.MAX_LIMIT) {
            throw new ValidationProblemException(FieldProblem.body(
                    "limit must be between 0 and " + BlockSchemaQuery.MAX_LIMIT, "less_than_equal", "limit"));
        }
        if (query.effectiveOffset() < 0) {
            throw new ValidationProblemException(FieldProblem.body("offset must be greater than or equal to 0",
                    "greater_than_equal", "offset"));
        }
        return schemas.all().stream().filter(query.selects()).skip(query.effectiveOffset())
                .limit(query.effectiveLimit()).toList();
    }

    @GET
    @Path("/{id}")
    public Response byId(@PathParam("id") String id) {
        return schemas.byId(PathIds.parse("id", id)).map(s -> Response.ok(s).build())
                .orElseGet(BlockSchemaResource::notFound);
    }

    @GET
    @Path("/checksum/{checksum}")
    public Response byChecksum(@PathParam("checksum") String checksum, @QueryParam("version") String version) {
        return schemas.byChecksum(checksum, version).map(s -> Response.ok(s).build())
                .orElseGet(BlockSchemaResource::notFound);
    }

    /** Prefect's SDK registers the schema it was built with before it saves a block. */
    @POST
    @Path("/")
    public Response register(BlockRegistrations.SchemaCreate body) {
        return registrations.schema(body);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        return schemas.byId(PathIds.parse("id", id))
                .map(s -> ErrorBodies.detail(Response.Status.FORBIDDEN.getStatusCode(),
                        "Block schemas for protected block types cannot be deleted."))
                .orElseGet(BlockSchemaResource::notFound);
    }

    private static Response notFound() {
        return ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(), NOT_FOUND);
    }
}
