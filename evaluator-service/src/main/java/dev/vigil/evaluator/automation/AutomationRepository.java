package dev.vigil.evaluator.automation;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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

    public Uni<List<AutomationEntity>> listEnabled() {
        return list("enabled", true);
    }
}
