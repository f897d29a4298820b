package dev.vigil.model.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.action.Action;
import java.util.List;

/** The three action lists of an automation, kept together (stored as one JSON object). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ActionLists(List<Action> actions, List<Action> actionsOnTrigger, List<Action> actionsOnResolve) {

    public ActionLists {
        actions = actions == null ? List.of() : List.copyOf(actions);
        actionsOnTrigger = actionsOnTrigger == null ? List.of() : List.copyOf(actionsOnTrigger);
        actionsOnResolve = actionsOnResolve == null ? List.of() : List.copyOf(actionsOnResolve);
    }
}
