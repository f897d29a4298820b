package dev.vigil.evaluator.automation;

import dev.vigil.support.event.EventPublisher;
import dev.vigil.model.automation.Automation;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Creates, reads and deletes automations; every change is published as a lifecycle event. */
@ApplicationScoped
public class AutomationService {

    private final AutomationRepository repository;
    private final AutomationCatalog catalog;
    private final EventPublisher events;

    public AutomationService(AutomationRepository repository, AutomationCatalog catalog, EventPublisher events) {
        this.repository = repository;
        this.catalog = catalog;
        this.events = events;
    }

    public Uni<Automation> create(UUID workspaceId, AutomationCreate create) {
        AutomationValidator.validate(create);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return persist(AutomationMapper.newEntity(workspaceId, create, now))
                .map(AutomationMapper::toModel)
                .call(automation -> catalog.put(workspaceId, automation))
                .call(automation -> events.publish(workspaceId, AutomationEvents.lifecycle("created", automation)));
    }

    /** A null item when the automation does not exist in this workspace. */
    public Uni<Automation> find(UUID workspaceId, UUID id) {
        return repository.findInWorkspace(workspaceId, id).map(e -> e == null ? null : AutomationMapper.toModel(e));
    }

    /** True when something was deleted. */
    public Uni<Boolean> delete(UUID workspaceId, UUID id) {
        return remove(workspaceId, id).call(deleted -> {
            if (deleted == null) {
                return Uni.createFrom().voidItem();
            }
            return catalog.remove(id)
                    .chain(() -> events.publish(workspaceId, AutomationEvents.lifecycle("deleted", deleted)));
        }).map(deleted -> deleted != null);
    }

    @WithTransaction
    Uni<AutomationEntity> persist(AutomationEntity entity) {
        return repository.persist(entity);
    }

    @WithTransaction
    Uni<Automation> remove(UUID workspaceId, UUID id) {
        return repository.findInWorkspace(workspaceId, id).call(entity -> entity == null
                ? Uni.createFrom().voidItem()
                : repository.delete(entity)).map(entity -> entity == null ? null : AutomationMapper.toModel(entity));
    }
}
