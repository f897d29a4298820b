package dev.vigil.evaluator.automation;

import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import java.util.List;
import java.util.UUID;

/** Parses automation ids from paths, with a 422 naming the parameter when it is not a UUID. */
final class AutomationIds {

    private AutomationIds() {
    }

    static UUID parse(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            if (id.length() == 36) {
                return parsed;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ValidationProblemException(new FieldProblem(List.of("path", "id"),
                "Input should be a valid UUID", "uuid_parsing"));
    }
}
