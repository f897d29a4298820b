package dev.vigil.evaluator.automation;

import dev.vigil.model.action.Action;
import dev.vigil.model.action.RunDeployment;
import dev.vigil.model.action.TargetSource;
import dev.vigil.model.automation.ActionLists;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.trigger.Trigger;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Converts between the API's shapes and the stored entity. */
final class AutomationMapper {

    private AutomationMapper() {
    }

    static Automation toModel(AutomationEntity entity) {
        return new Automation(entity.id, entity.created, entity.updated, entity.name, entity.description,
                entity.enabled, List.of(entity.tags), entity.trigger, entity.actions.actions(),
                entity.actions.actionsOnTrigger(), entity.actions.actionsOnResolve(), entity.pausedReason);
    }

    static AutomationEntity newEntity(UUID workspaceId, AutomationCreate create, Trigger trigger, OffsetDateTime now) {
        AutomationEntity entity = new AutomationEntity();
        entity.id = UUID.randomUUID();
        entity.workspaceId = workspaceId;
        entity.created = now;
        entity.ownerResource = create.ownerResource();
        apply(entity, create, trigger, now);
        return entity;
    }

    /** Replaces the definition, as PUT does; trigger ids are fresh, so old buckets are orphaned. */
    static void apply(AutomationEntity entity, AutomationCreate definition, Trigger trigger, OffsetDateTime now) {
        if (definition.ownerResource() != null) {
            entity.ownerResource = definition.ownerResource();  // apply of a deployment's triggers; PUT has none
        }
        entity.name = definition.name();
        entity.description = definition.description() == null ? "" : definition.description();
        entity.enabled = definition.enabled() == null || definition.enabled();
        entity.pausedReason = null;
        entity.tags = definition.tags() == null ? new String[0] : definition.tags().toArray(String[]::new);
        entity.trigger = trigger.withFreshIds();
        entity.actions = new ActionLists(definition.actions(), definition.actionsOnTrigger(),
                definition.actionsOnResolve());
        entity.relatedResourceIds = relatedResources(entity.actions, entity.ownerResource).toArray(String[]::new);
        entity.updated = now;
    }

    /** Deployments run by selected run-deployment actions, and the owner. */
    private static Set<String> relatedResources(ActionLists actions, String owner) {
        Set<String> related = new LinkedHashSet<>();
        for (List<Action> list : List.of(actions.actions(), actions.actionsOnTrigger(), actions.actionsOnResolve())) {
            for (Action action : list) {
                if (action instanceof RunDeployment run && run.source() == TargetSource.SELECTED
                        && run.deploymentId() != null) {
                    related.add("prefect.deployment." + run.deploymentId());
                }
            }
        }
        if (owner != null) {
            related.add(owner);
        }
        return related;
    }

    /** Whether storing {@code definition} would change nothing an API client can see (ids and times aside). */
    static boolean sameDefinition(AutomationEntity entity, AutomationCreate definition, Trigger trigger) {
        String description = definition.description() == null ? "" : definition.description();
        boolean enabled = definition.enabled() == null || definition.enabled();
        List<String> tags = definition.tags() == null ? List.of() : definition.tags();
        boolean sameOwner = definition.ownerResource() == null
                || definition.ownerResource().equals(entity.ownerResource);
        return sameOwner && entity.name.equals(definition.name()) && entity.description.equals(description)
                && entity.enabled == enabled && List.of(entity.tags).equals(tags)
                && entity.trigger.withoutIds().equals(trigger.withoutIds())
                && entity.actions.equals(new ActionLists(definition.actions(), definition.actionsOnTrigger(),
                definition.actionsOnResolve()));
    }
}
