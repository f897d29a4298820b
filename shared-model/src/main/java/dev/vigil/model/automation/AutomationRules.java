package dev.vigil.model.automation;

import dev.vigil.model.action.Action;
import dev.vigil.model.action.RunDeployment;
import dev.vigil.model.action.TargetSource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.event.ResourceSpecification;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import dev.vigil.model.trigger.Trigger;
import dev.vigil.model.validation.Problems;
import dev.vigil.model.validation.TemplateChecker;
import java.util.List;
import java.util.Set;

/** Validates and normalises a whole automation definition the way Prefect's API does. */
public final class AutomationRules {

    /** Flow-run events that a run-deployment action would itself cause, looping forever. */
    private static final Set<String> LOOPING_EVENTS = Set.of("prefect.flow-run.Scheduled", "prefect.flow-run.Pending",
            "prefect.flow-run.Running", "prefect.flow-run.*");
    /** Names are indexed (unique per workspace); longer ones would not fit an index entry. */
    public static final int MAX_NAME_LENGTH = 256;
    private static final String EVERY_FLOW_RUN = "prefect.flow-run.*";

    private final TemplateChecker templates;

    public AutomationRules(TemplateChecker templates) {
        this.templates = templates;
    }

    /**
     * The trigger with defaults applied, or {@link dev.vigil.model.validation.ModelValidationException}
     * naming every problem (locations start at the body: {@code ["trigger", "within"]}).
     */
    public Trigger validate(String name, Boolean enabled, Trigger trigger, List<Action> actions,
                            List<Action> onTrigger, List<Action> onResolve) {
        Problems problems = new Problems();
        if (name == null || name.isBlank()) {
            problems.add(List.of(), "Field required", "missing", "name");
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(List.of(), "String should have at most " + MAX_NAME_LENGTH + " characters",
                    "string_too_long", "name");
        }
        Trigger normalised = trigger;
        if (trigger == null) {
            problems.add(List.of(), "Field required", "missing", "trigger");
        } else {
            normalised = TriggerRules.normalise(trigger, List.of("trigger"), problems);
        }
        if (actions == null) {
            problems.add(List.of(), "Field required", "missing", "actions");
        } else {
            ActionRules.check(actions, "actions", templates, problems);
        }
        ActionRules.check(orEmpty(onTrigger), "actions_on_trigger", templates, problems);
        ActionRules.check(orEmpty(onResolve), "actions_on_resolve", templates, problems);
        if ((enabled == null || enabled) && normalised != null && actions != null && problems.isEmpty()) {
            checkRunDeploymentLoop(normalised, actions, problems);
        }
        problems.throwIfAny();
        return normalised;
    }

    /**
     * A reactive trigger on flow runs starting, with a run-deployment that starts flow runs, would
     * feed itself; Prefect refuses it while the automation is enabled.
     */
    private static void checkRunDeploymentLoop(Trigger trigger, List<Action> actions, Problems problems) {
        if (!(trigger instanceof EventTrigger event) || event.posture() != Posture.Reactive
                || event.expect().stream().noneMatch(LOOPING_EVENTS::contains)) {
            return;
        }
        for (int i = 0; i < actions.size(); i++) {
            if (!(actions.get(i) instanceof RunDeployment run)) {
                continue;
            }
            boolean loops = run.source() == TargetSource.INFERRED
                    || (isEveryFlowRun(event.match()) && (event.matchRelated().specifications().isEmpty()
                    || event.matchRelated().specifications().stream().anyMatch(AutomationRules::isEveryFlowRun)));
            if (loops) {
                problems.add(List.of("actions", i), "Running a deployment as a reaction to flow runs starting "
                        + "would trigger this automation again, in an infinite loop", "value_error");
            }
        }
    }

    private static boolean isEveryFlowRun(ResourceSpecification spec) {
        if (spec.isEmpty()) {
            return true;
        }
        return spec.asMap().size() == 1 && EVERY_FLOW_RUN.equals(spec.asMap().get(Resource.ID));
    }

    private static List<Action> orEmpty(List<Action> actions) {
        return actions == null ? List.of() : actions;
    }
}
