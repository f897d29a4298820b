package dev.vigil.evaluator.automation;

import dev.vigil.evaluator.template.TemplateSyntax;
import dev.vigil.model.automation.AutomationRules;
import dev.vigil.model.trigger.Trigger;
import dev.vigil.model.validation.ModelProblem;
import dev.vigil.model.validation.ModelValidationException;
import dev.vigil.support.limit.LimitsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Validates request bodies for automations: Prefect's rules, plus its refusal of unknown keys. */
@ApplicationScoped
public class AutomationDefinitions {

    private static final String EXTRA_FORBIDDEN = "Extra inputs are not permitted";

    private static final String ACTIONS_LIMIT = "vigil.limits.actions-per-automation";

    private final AutomationRules rules;
    private final int maxActions;

    public AutomationDefinitions(TemplateSyntax templates, LimitsConfig limits) {
        this.rules = new AutomationRules(templates);
        this.maxActions = limits.actionsPerAutomation();
    }

    /** The normalised trigger of a valid create body; throws {@link ModelValidationException} otherwise. */
    public Trigger forCreate(AutomationCreate body) {
        return validate(body, true);
    }

    /** As {@link #forCreate}, for PUT, whose body may not name an owner. */
    public Trigger forReplace(AutomationCreate body) {
        return validate(body, false);
    }

    /** Re-checks a stored definition that is about to be enabled (the loop guard applies only when enabled). */
    public void forEnable(AutomationEntity entity) {
        rules.validate(entity.name, true, entity.trigger, entity.actions.actions(), entity.actions.actionsOnTrigger(),
                entity.actions.actionsOnResolve());
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private Trigger validate(AutomationCreate body, boolean ownerAllowed) {
        if (body == null) {
            throw new ModelValidationException(List.of(new ModelProblem(List.of(), "Field required", "missing")));
        }
        List<ModelProblem> extra = new ArrayList<>();
        body.unknownKeys().forEach(key -> extra.add(new ModelProblem(List.of(key), EXTRA_FORBIDDEN, "extra_forbidden")));
        if (!ownerAllowed && body.ownerResource() != null) {
            extra.add(new ModelProblem(List.of("owner_resource"), EXTRA_FORBIDDEN, "extra_forbidden"));
        }
        int actions = size(body.actions()) + size(body.actionsOnTrigger()) + size(body.actionsOnResolve());
        if (maxActions > 0 && actions > maxActions) {
            // Before the rules: validating thousands of actions (and their templates) is the cost the quota avoids.
            throw new ModelValidationException(List.of(new ModelProblem(List.of("actions"), "An automation has "
                    + actions + " actions (actions, actions_on_trigger and actions_on_resolve); " + ACTIONS_LIMIT
                    + " allows at most " + maxActions, "quota_exceeded")));
        }
        Trigger trigger;
        try {
            trigger = rules.validate(body.name(), body.enabled(), body.trigger(), body.actions(),
                    body.actionsOnTrigger(), body.actionsOnResolve());
        } catch (ModelValidationException e) {
            extra.addAll(e.problems());
            throw new ModelValidationException(extra);
        }
        // Outside the try: the unknown keys alone are reported once, not again as the rules' problems.
        if (!extra.isEmpty()) {
            throw new ModelValidationException(extra);
        }
        return trigger;
    }
}
