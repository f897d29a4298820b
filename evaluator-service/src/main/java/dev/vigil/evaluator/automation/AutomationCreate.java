package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.model.action.Action;
import dev.vigil.model.trigger.Trigger;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /automations/} (Prefect's AutomationCreate) and, without
 * {@code owner_resource}, of {@code PUT /automations/{id}}. Unknown keys are remembered so
 * they can be refused, as Prefect forbids extra keys here.
 */
public final class AutomationCreate {

    private final String name;
    private final String description;
    private final Boolean enabled;
    private final List<String> tags;
    private final Trigger trigger;
    private final List<Action> actions;
    private final List<Action> actionsOnTrigger;
    private final List<Action> actionsOnResolve;
    private final String ownerResource;
    private static final String PAUSED_REASON = "paused_reason";
    private final List<String> unknownKeys = new ArrayList<>();

    @JsonCreator
    public AutomationCreate(@JsonProperty("name") String name,
                            @JsonProperty("description") String description,
                            @JsonProperty("enabled") Boolean enabled,
                            @JsonProperty("tags") List<String> tags,
                            @JsonProperty("trigger") Trigger trigger,
                            @JsonProperty("actions") List<Action> actions,
                            @JsonProperty("actions_on_trigger") List<Action> actionsOnTrigger,
                            @JsonProperty("actions_on_resolve") List<Action> actionsOnResolve,
                            @JsonProperty("owner_resource") String ownerResource) {
        this.name = name;
        this.description = description;
        this.enabled = enabled;
        this.tags = tags;
        this.trigger = trigger;
        this.actions = actions;
        this.actionsOnTrigger = actionsOnTrigger;
        this.actionsOnResolve = actionsOnResolve;
        this.ownerResource = ownerResource;
    }

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        if (PAUSED_REASON.equals(key)) {
            return;  // read-only, set by the storm brake; a client may send back what it read
        }
        unknownKeys.add(key);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Boolean enabled() {
        return enabled;
    }

    public List<String> tags() {
        return tags;
    }

    public Trigger trigger() {
        return trigger;
    }

    public List<Action> actions() {
        return actions;
    }

    public List<Action> actionsOnTrigger() {
        return actionsOnTrigger;
    }

    public List<Action> actionsOnResolve() {
        return actionsOnResolve;
    }

    public String ownerResource() {
        return ownerResource;
    }

    public List<String> unknownKeys() {
        return List.copyOf(unknownKeys);
    }
}
