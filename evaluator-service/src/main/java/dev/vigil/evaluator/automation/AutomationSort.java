package dev.vigil.evaluator.automation;

import java.util.Arrays;
import java.util.Optional;

/** Prefect's sort orders for automations; ties are broken by id so pages are stable. */
enum AutomationSort {
    NAME_ASC("name asc"),
    NAME_DESC("name desc"),
    CREATED_DESC("created desc"),
    UPDATED_DESC("updated desc");

    static final AutomationSort DEFAULT = NAME_ASC;

    private final String order;

    AutomationSort(String order) {
        this.order = order;
    }

    /** The HQL {@code order by} list: the column, then the id. */
    String orderBy() {
        return order + ", id asc";
    }

    static Optional<AutomationSort> parse(String value) {
        if (value == null) {
            return Optional.of(DEFAULT);
        }
        return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
    }
}
