package dev.vigil.support.error;

import java.util.List;

/** Checks {@code limit} and {@code offset} query parameters of list endpoints; 422 names the parameter. */
public final class QueryPaging {

    private QueryPaging() {
    }

    public static void check(int limit, int offset, int maxPageSize) {
        if (limit < 1 || limit > maxPageSize) {
            throw new ValidationProblemException(new FieldProblem(List.of("query", "limit"),
                    "Must be between 1 and " + maxPageSize, "less_than_equal"));
        }
        if (offset < 0) {
            throw new ValidationProblemException(new FieldProblem(List.of("query", "offset"),
                    "Must not be negative", "greater_than_equal"));
        }
    }
}
