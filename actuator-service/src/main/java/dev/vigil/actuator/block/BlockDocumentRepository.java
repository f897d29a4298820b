package dev.vigil.actuator.block;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Queries on blocks, always within one workspace. */
@ApplicationScoped
@WithSession
public class BlockDocumentRepository implements PanacheRepositoryBase<BlockDocumentEntity, UUID> {

    public Uni<BlockDocumentEntity> findInWorkspace(UUID workspaceId, UUID id) {
        return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
    }
}
