package dev.vigil.actuator.block;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The block schemas of the block types Vigil supports, one per type, built once from the catalogue. */
@ApplicationScoped
public class BlockSchemaCatalog {

    private final List<BlockSchemaView> schemas;

    public BlockSchemaCatalog(BlockTypeCatalog types) {
        this.schemas = types.all().stream().map(type -> BlockSchemaView.of(type, true)).toList();
    }

    public List<BlockSchemaView> all() {
        return schemas;
    }

    public Optional<BlockSchemaView> byId(UUID id) {
        return schemas.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<BlockSchemaView> forType(BlockType type) {
        return byId(type.schemaId());
    }

    /** Prefect's lookup: the checksum, and the version when one is asked for. */
    public Optional<BlockSchemaView> byChecksum(String checksum, String version) {
        return schemas.stream().filter(s -> s.checksum().equals(checksum))
                .filter(s -> version == null || version.equals(s.version())).findFirst();
    }
}
