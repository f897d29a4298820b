package dev.vigil.evaluator.automation;

import dev.vigil.model.trigger.Trigger;
import dev.vigil.model.validation.ModelProblem;
import dev.vigil.model.validation.ModelValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates every definition of an apply request up front, locating problems where the definition came from
 * ({@code automations[i]}, or {@code deployments[i].triggers[j]}).
 */
final class AutomationApplyValidation {

    private AutomationApplyValidation() {
    }

    static List<Trigger> validateAll(AutomationDefinitions definitions, ApplyDocument document) {
        List<AutomationCreate> bodies = document.definitions();
        List<ModelProblem> problems = new ArrayList<>();
        List<Trigger> triggers = new ArrayList<>(bodies.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < bodies.size(); i++) {
            try {
                triggers.add(definitions.forCreate(bodies.get(i)));
                if (!names.add(bodies.get(i).name())) {
                    List<Object> loc = new ArrayList<>(document.locations().get(i));
                    loc.add("name");
                    problems.add(new ModelProblem(loc,
                            "Names must be unique within one apply request", "value_error"));
                }
            } catch (ModelValidationException e) {
                for (ModelProblem problem : e.problems()) {
                    List<Object> loc = new ArrayList<>(document.locations().get(i));
                    loc.addAll(problem.loc());
                    problems.add(new ModelProblem(loc, problem.msg(), problem.type()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelValidationException(problems);
        }
        return triggers;
    }
}
