package dev.vigil.support.error;

import java.util.List;

/** A request that is well-formed JSON but invalid; answered with 422 naming every problem. */
public class ValidationProblemException extends RuntimeException {

    private final List<FieldProblem> problems;

    public ValidationProblemException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid request" : problems.get(0).msg());
        this.problems = List.copyOf(problems);
    }

    public ValidationProblemException(FieldProblem problem) {
        this(List.of(problem));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
