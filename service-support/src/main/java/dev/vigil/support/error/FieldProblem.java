package dev.vigil.support.error;

import java.util.List;

/**
 * One problem with a request, in the shape FastAPI (and so Prefect) reports it.
 *
 * @param loc  where: {@code ["body", "trigger", "within"]}
 * @param msg  what is wrong, for a person
 * @param type a stable machine-readable kind, e.g. {@code value_error}, {@code json_invalid}
 */
public record FieldProblem(List<Object> loc, String msg, String type) {

    public static FieldProblem inBody(dev.vigil.model.validation.ModelProblem problem) {
        List<Object> loc = new java.util.ArrayList<>(problem.loc().size() + 1);
        loc.add("body");
        loc.addAll(problem.loc());
        return new FieldProblem(List.copyOf(loc), problem.msg(), problem.type());
    }

    public static FieldProblem body(String msg, String type, Object... path) {
        List<Object> loc = new java.util.ArrayList<>(path.length + 1);
        loc.add("body");
        loc.addAll(List.of(path));
        return new FieldProblem(List.copyOf(loc), msg, type);
    }
}
