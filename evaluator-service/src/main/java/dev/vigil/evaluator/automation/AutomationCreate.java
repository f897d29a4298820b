package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.action.Action;
import dev.vigil.model.trigger.Trigger;
import java.util.List;

/** The body of {@code POST /automations/}: Prefect's AutomationCreate. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AutomationCreate(
        String name,
        String description,
        Boolean enabled,
        List<String> tags,
        Trigger trigger,
        List<Action> actions,
        List<Action> actionsOnTrigger,
        List<Action> actionsOnResolve,
        String ownerResource) {
}
