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

    public Uni<java.util.List<BlockDocumentEntity>> filter(UUID workspaceId, BlockDocumentFilter filter) {
        StringBuilder where = new StringBuilder("workspaceId = :ws");
        io.quarkus.panache.common.Parameters parameters = io.quarkus.panache.common.Parameters.with("ws", workspaceId);
        if (filter.names() != null) {
            where.append(" and name in :names");
            parameters.and("names", filter.names());
        }
        if (filter.slugs() != null) {
            where.append(" and blockTypeSlug in :slugs");
            parameters.and("slugs", filter.slugs());
        }
        int offset = filter.effectiveOffset();
        return find(where.toString(), io.quarkus.panache.common.Sort.by("name").and("id"), parameters)
                .range(offset, (int) Math.min(Integer.MAX_VALUE, (long) offset + filter.effectiveLimit() - 1)).list();
    }

    public Uni<BlockDocumentEntity> findInWorkspace(UUID workspaceId, UUID id) {
        return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
    }
}
