package dev.vigil.evaluator.automation;

import io.quarkus.panache.common.Sort;
import java.util.Arrays;
import java.util.Optional;

/** Prefect's sort orders for automations; ties are broken by id so pages are stable. */
enum AutomationSort {
    NAME_ASC("name", Sort.Direction.Ascending),
    NAME_DESC("name", Sort.Direction.Descending),
    CREATED_DESC("created", Sort.Direction.Descending),
    UPDATED_DESC("updated", Sort.Direction.Descending);

    static final AutomationSort DEFAULT = NAME_ASC;

    private final String column;
    private final Sort.Direction direction;

    AutomationSort(String column, Sort.Direction direction) {
        this.column = column;
        this.direction = direction;
    }

    Sort toSort() {
        return Sort.by(column, direction).and("id");
    }

    static Optional<AutomationSort> parse(String value) {
        if (value == null) {
            return Optional.of(DEFAULT);
        }
        return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
    }
}
