package dev.vigil.model.validation;

import java.util.List;

/** A definition broke Prefect's rules; every problem is listed. Services answer it with 422. */
public class ModelValidationException extends RuntimeException {

    private final List<ModelProblem> problems;

    public ModelValidationException(List<ModelProblem> problems) {
        super(problems.isEmpty() ? "invalid definition" : problems.get(0).msg());
        this.problems = List.copyOf(problems);
    }

    public List<ModelProblem> problems() {
        return problems;
    }
}
