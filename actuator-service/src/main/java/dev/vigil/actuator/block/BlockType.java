package dev.vigil.actuator.block;

import dev.vigil.model.id.NameUuids;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A kind of block Vigil understands. Ids are derived from the slug, so they are stable across
 * installations and Prefect's {@code block_type_id}/{@code block_schema_id} form can name them.
 */
public record BlockType(String slug, String name, String description, List<BlockField> fields) {

    public UUID id() {
        return NameUuids.of("vigil.block-type." + slug);
    }

    public UUID schemaId() {
        return NameUuids.of("vigil.block-schema." + slug);
    }

    /** Prefect's block capabilities: {@code notify} for the types {@code send-notification} can use. */
    public List<String> capabilities() {
        return BlockTypeCatalog.NOTIFIERS.contains(slug) ? List.of("notify") : List.of();
    }

    public Optional<BlockField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
