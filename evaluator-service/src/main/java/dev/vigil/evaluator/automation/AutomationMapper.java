package dev.vigil.evaluator.automation;

import dev.vigil.model.automation.ActionLists;
import dev.vigil.model.automation.Automation;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Converts between the API's shapes and the stored entity. */
final class AutomationMapper {

    private AutomationMapper() {
    }

    static Automation toModel(AutomationEntity entity) {
        return new Automation(entity.id, entity.created, entity.updated, entity.name, entity.description,
                entity.enabled, List.of(entity.tags), entity.trigger, entity.actions.actions(),
                entity.actions.actionsOnTrigger(), entity.actions.actionsOnResolve());
    }

    static AutomationEntity newEntity(UUID workspaceId, AutomationCreate create, OffsetDateTime now) {
        AutomationEntity entity = new AutomationEntity();
        entity.id = UUID.randomUUID();
        entity.workspaceId = workspaceId;
        entity.name = create.name();
        entity.description = create.description() == null ? "" : create.description();
        entity.enabled = create.enabled() == null || create.enabled();
        entity.tags = create.tags() == null ? new String[0] : create.tags().toArray(String[]::new);
        entity.trigger = create.trigger().withFreshIds();
        entity.actions = new ActionLists(create.actions(), create.actionsOnTrigger(), create.actionsOnResolve());
        entity.ownerResource = create.ownerResource();
        entity.created = now;
        entity.updated = now;
        return entity;
    }
}
