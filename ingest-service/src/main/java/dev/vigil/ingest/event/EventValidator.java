package dev.vigil.ingest.event;

import dev.vigil.model.event.Event;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.support.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** Checks events against Prefect's rules before they are accepted. */
final class EventValidator {

    static final int MAX_NAME_LENGTH = 1024;
    static final int MAX_LABELS = 500;
    static final int MAX_RELATED = 100;

    private EventValidator() {
    }

    /** Every problem in the batch, each located by the event's index and field. */
    static List<FieldProblem> problems(List<Event> events) {
        List<FieldProblem> problems = new ArrayList<>();
        if (events == null) {
            problems.add(FieldProblem.body("Input should be a valid list", "list_type"));
            return problems;
        }
        for (int i = 0; i < events.size(); i++) {
            check(i, events.get(i), problems);
        }
        return problems;
    }

    private static void check(int index, Event event, List<FieldProblem> problems) {
        if (event == null) {
            problems.add(FieldProblem.body("Input should be an object", "model_type", index));
            return;
        }
        if (event.id() == null) {
            problems.add(FieldProblem.body("Field required", "missing", index, "id"));
        }
        if (event.occurred() == null) {
            problems.add(FieldProblem.body("Field required", "missing", index, "occurred"));
        }
        if (event.event() == null || event.event().isEmpty()) {
            problems.add(FieldProblem.body("Field required", "missing", index, "event"));
        } else if (event.event().length() > MAX_NAME_LENGTH) {
            problems.add(FieldProblem.body("Event name must be at most " + MAX_NAME_LENGTH + " characters",
                    "string_too_long", index, "event"));
        }
        checkResource(event.resource(), problems, index, "resource");
        if (event.related().size() > MAX_RELATED) {
            problems.add(FieldProblem.body("At most " + MAX_RELATED + " related resources are allowed",
                    "too_long", index, "related"));
        }
        for (int r = 0; r < event.related().size(); r++) {
            RelatedResource related = event.related().get(r);
            checkResource(related, problems, index, "related", r);
            if (related != null && isBlank(related.role())) {
                problems.add(FieldProblem.body("Related resources must have a prefect.resource.role label",
                        "value_error", index, "related", r));
            }
        }
    }

    private static void checkResource(Resource resource, List<FieldProblem> problems, Object... path) {
        if (resource == null) {
            problems.add(FieldProblem.body("Field required", "missing", path));
            return;
        }
        if (isBlank(resource.id())) {
            problems.add(FieldProblem.body("Resources must include the prefect.resource.id label", "value_error",
                    path));
        }
        if (resource.labels().size() > MAX_LABELS) {
            problems.add(FieldProblem.body("At most " + MAX_LABELS + " labels are allowed", "too_long", path));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
