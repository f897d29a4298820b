package dev.vigil.model.validation;

import java.util.List;

/**
 * One reason a definition is invalid: where ({@code ["trigger", "within"]}), what, and a stable
 * kind in pydantic's vocabulary ({@code value_error}, {@code missing}, …) as Prefect reports it.
 */
public record ModelProblem(List<Object> loc, String msg, String type) {

    public ModelProblem {
        loc = List.copyOf(loc);
    }
}
