package dev.vigil.evaluator.automation;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

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

    /**
     * One page of the workspace's automations, in the query's order. The page is chosen among the ids alone (for the
     * name orders an index-only scan of {@code (workspace_id, name, id)}) and only its rows are read: an OFFSET over
     * whole rows read and sorted every row before the page (page 200 of 10,000: 5,000 rows with their JSON).
     * Read-only, so no row's trigger and actions are copied for a dirty check that a listing never needs.
     */
    public Uni<List<AutomationEntity>> filter(UUID workspaceId, AutomationQuery query) {
        String order = " order by " + query.orderBy();
        String page = "from AutomationEntity where id in (select id from AutomationEntity where " + query.where()
                + order + " offset :pageOffset rows fetch first :pageLimit rows only)" + order;
        return getSession().chain(session -> {
            Mutiny.SelectionQuery<AutomationEntity> select = session.createSelectionQuery(page, AutomationEntity.class);
            query.parameters(workspaceId).map().forEach(select::setParameter);
            return select.setParameter("pageOffset", query.offset()).setParameter("pageLimit", query.limit())
                    .setReadOnly(true).getResultList();
        });
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
}
