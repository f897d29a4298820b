package dev.vigil.model.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.action.Action;
import dev.vigil.model.trigger.Trigger;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An automation as Prefect's API returns it: a trigger and the actions to run when it fires or resolves.
 * {@code paused_reason} is Vigil's own: why Vigil itself paused it (the storm brake), shown only while set;
 * enabling the automation again clears it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "created", "updated", "name", "description", "enabled", "tags", "trigger", "actions",
        "actions_on_trigger", "actions_on_resolve", "paused_reason"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Automation(
        UUID id,
        OffsetDateTime created,
        OffsetDateTime updated,
        String name,
        String description,
        Boolean enabled,
        List<String> tags,
        Trigger trigger,
        List<Action> actions,
        List<Action> actionsOnTrigger,
        List<Action> actionsOnResolve,
        @JsonInclude(JsonInclude.Include.NON_NULL) String pausedReason) {

    public Automation(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, String description,
                      Boolean enabled, List<String> tags, Trigger trigger, List<Action> actions,
                      List<Action> actionsOnTrigger, List<Action> actionsOnResolve) {
        this(id, created, updated, name, description, enabled, tags, trigger, actions, actionsOnTrigger,
                actionsOnResolve, null);
    }

    public Automation {
        description = description == null ? "" : description;
        enabled = enabled == null || enabled;
        tags = tags == null ? List.of() : List.copyOf(tags);
        actions = actions == null ? List.of() : List.copyOf(actions);
        actionsOnTrigger = actionsOnTrigger == null ? List.of() : List.copyOf(actionsOnTrigger);
        actionsOnResolve = actionsOnResolve == null ? List.of() : List.copyOf(actionsOnResolve);
    }

    /** Resource id of this automation in events: {@code prefect.automation.<id>}. */
    public String resourceId() {
        return "prefect.automation." + id;
    }
}
