package dev.vigil.evaluator.automation;

import dev.vigil.evaluator.template.TemplateSyntax;
import dev.vigil.model.automation.AutomationRules;
import dev.vigil.model.trigger.Trigger;
import dev.vigil.model.validation.ModelProblem;
import dev.vigil.model.validation.ModelValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Validates request bodies for automations: Prefect's rules, plus its refusal of unknown keys. */
@ApplicationScoped
public class AutomationDefinitions {

    private static final String EXTRA_FORBIDDEN = "Extra inputs are not permitted";

    private final AutomationRules rules;

    public AutomationDefinitions(TemplateSyntax templates) {
        this.rules = new AutomationRules(templates);
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

    private Trigger validate(AutomationCreate body, boolean ownerAllowed) {
        if (body == null) {
            throw new ModelValidationException(List.of(new ModelProblem(List.of(), "Field required", "missing")));
        }
        List<ModelProblem> extra = new ArrayList<>();
        body.unknownKeys().forEach(key -> extra.add(new ModelProblem(List.of(key), EXTRA_FORBIDDEN, "extra_forbidden")));
        if (!ownerAllowed && body.ownerResource() != null) {
            extra.add(new ModelProblem(List.of("owner_resource"), EXTRA_FORBIDDEN, "extra_forbidden"));
        }
        try {
            Trigger trigger = rules.validate(body.name(), body.enabled(), body.trigger(), body.actions(),
                    body.actionsOnTrigger(), body.actionsOnResolve());
            if (!extra.isEmpty()) {
                throw new ModelValidationException(extra);
            }
            return trigger;
        } catch (ModelValidationException e) {
            extra.addAll(e.problems());
            throw new ModelValidationException(extra);
        }
    }
}
