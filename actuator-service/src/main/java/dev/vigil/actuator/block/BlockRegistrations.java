package dev.vigil.actuator.block;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The block type and schema registrations Prefect's SDK sends before it saves a block
 * ({@code Block.register_type_and_schema}). Vigil's catalogue is fixed, so a registration is judged against it:
 * a schema for a supported type whose fields Vigil knows is answered with that type's schema (as Prefect answers
 * 200 with an equivalent schema it already has); a type Vigil supports already exists (409, as in Prefect);
 * anything else is refused with a 422 that names what Vigil lacks.
 */
@ApplicationScoped
public class BlockRegistrations {

    /** Prefect's {@code BlockSchemaCreate}. */
    public record SchemaCreate(@JsonProperty("fields") Map<String, Object> fields,
                               @JsonProperty("block_type_id") UUID blockTypeId,
                               @JsonProperty("capabilities") List<String> capabilities,
                               @JsonProperty("version") String version) {
    }

    /** Prefect's {@code BlockTypeCreate}. */
    public record TypeCreate(@JsonProperty("name") String name, @JsonProperty("slug") String slug) {
    }

    private final BlockTypeCatalog types;
    private final BlockSchemaCatalog schemas;

    public BlockRegistrations(BlockTypeCatalog types, BlockSchemaCatalog schemas) {
        this.types = types;
        this.schemas = schemas;
    }

    public Response schema(SchemaCreate create) {
        if (create == null || create.blockTypeId() == null) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing", "block_type_id"));
        }
        BlockType type = types.byTypeId(create.blockTypeId()).orElse(null);
        if (type == null) {
            return ErrorBodies.detail(Response.Status.NOT_FOUND.getStatusCode(),
                    "Block type " + create.blockTypeId() + " not found.");
        }
        if (create.fields() != null && create.fields().get("properties") instanceof Map<?, ?> properties) {
            List<FieldProblem> unknown = properties.keySet().stream().map(String::valueOf)
                    .filter(name -> type.field(name).isEmpty())
                    .map(name -> FieldProblem.body("Vigil's '" + type.slug() + "' blocks have no field '" + name
                            + "', so a block of this schema could not be saved", "extra_forbidden",
                            "fields", "properties", name))
                    .toList();
            if (!unknown.isEmpty()) {
                throw new ValidationProblemException(unknown);
            }
        }
        return Response.ok(schemas.forType(type).orElseThrow()).build();
    }

    public Response type(TypeCreate create) {
        String slug = create == null ? null : create.slug();
        if (slug == null || slug.isBlank()) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing", "slug"));
        }
        return types.bySlug(slug)
                .map(type -> ErrorBodies.detail(Response.Status.CONFLICT.getStatusCode(),
                        "Block type with name \"" + type.name() + "\" already exists"))
                .orElseThrow(() -> new ValidationProblemException(FieldProblem.body("Vigil supports only its own "
                        + "block types (" + String.join(", ", types.all().stream().map(BlockType::slug).toList())
                        + "); '" + slug + "' is not one of them", "value_error", "slug")));
    }
}
