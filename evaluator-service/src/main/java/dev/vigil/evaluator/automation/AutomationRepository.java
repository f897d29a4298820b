package dev.vigil.evaluator.automation;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Queries on automations, always within one workspace. */
@ApplicationScoped
@WithSession
public class AutomationRepository implements PanacheRepositoryBase<AutomationEntity, UUID> {

    public Uni<AutomationEntity> findInWorkspace(UUID workspaceId, UUID id) {
        return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
    }

    /** The automations with these ids, whatever their workspace (ids are unique); the missing ones are left out. */
    public Uni<List<AutomationEntity>> findByIds(List<UUID> ids) {
        return list("id in ?1", ids);
    }

    public Uni<List<AutomationEntity>> findByName(UUID workspaceId, String name) {
        return list("workspaceId = ?1 and name = ?2", workspaceId, name);
    }

    /** Up to {@code limit} enabled automations of every workspace with ids after {@code after} (null: from the first), by id. */
    public Uni<List<AutomationEntity>> listEnabledAfter(UUID after, int limit) {
        return (after == null ? find("enabled = true", Sort.by("id")) : find("enabled = true and id > ?1", Sort.by("id"),
                after)).range(0, limit - 1).list();
    }

    public Uni<List<AutomationEntity>> filter(UUID workspaceId, AutomationQuery query) {
        return find(query.where(), query.sort(), query.parameters(workspaceId))
                .range(query.offset(), lastIndex(query.offset(), query.limit())).list();
    }

    public Uni<Long> count(UUID workspaceId, AutomationQuery query) {
        return count(query.where(), query.parameters(workspaceId));
    }

    public Uni<List<AutomationEntity>> relatedTo(UUID workspaceId, String resourceId) {
        return list("workspaceId = :ws and (array_contains(relatedResourceIds, :resource) or ownerResource = :resource)"
                + " order by name", Parameters.with("ws", workspaceId).and("resource", resourceId));
    }

    public Uni<List<AutomationEntity>> ownedBy(UUID workspaceId, String resourceId) {
        return list("workspaceId = ?1 and ownerResource = ?2", workspaceId, resourceId);
    }

    /** The last row of a page; an offset near {@code Integer.MAX_VALUE} must not overflow into a negative index. */
    static int lastIndex(int offset, int limit) {
        return (int) Math.min(Integer.MAX_VALUE, (long) offset + limit - 1);
    }
}
