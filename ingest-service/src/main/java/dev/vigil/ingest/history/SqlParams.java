package dev.vigil.ingest.history;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Positional parameters of a query being built: each value added returns its {@code $n} placeholder. */
final class SqlParams {

    private final List<Object> values = new ArrayList<>();

    String add(Object value) {
        values.add(value);
        return "$" + values.size();
    }

    String addTexts(List<String> texts) {
        return add(texts.toArray(String[]::new)) + "::text[]";
    }

    Tuple tuple() {
        return Tuple.from(values);
    }

    /** {@code value} as a LIKE pattern matching strings that start with it. */
    static String likePrefix(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
