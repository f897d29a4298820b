package dev.vigil.evaluator.automation;

import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import java.util.ArrayList;
import java.util.List;

/** Checks an automation definition before it is stored; every problem becomes a 422 naming the field. */
final class AutomationValidator {

    private AutomationValidator() {
    }

    static void validate(AutomationCreate create) {
        if (create == null) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (create.name() == null || create.name().isBlank()) {
            problems.add(FieldProblem.body("Field required", "missing", "name"));
        }
        if (create.trigger() == null) {
            problems.add(FieldProblem.body("Field required", "missing", "trigger"));
        }
        if (create.actions() == null) {
            problems.add(FieldProblem.body("Field required", "missing", "actions"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationProblemException(problems);
        }
    }
}
