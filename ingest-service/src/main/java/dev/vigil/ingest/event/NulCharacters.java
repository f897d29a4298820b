package dev.vigil.ingest.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the NUL character (U+0000) in JSON-like values. PostgreSQL text and jsonb cannot hold it,
 * so an event carrying one could never be stored: it is refused at the door instead.
 */
final class NulCharacters {

    private static final char NUL = '\u0000';

    private NulCharacters() {
    }

    /** The path (keys and indexes) from {@code value} to the first string or key holding a NUL. */
    static Optional<List<Object>> find(Object value) {
        List<Object> path = new ArrayList<>();
        return search(value, path) ? Optional.of(path) : Optional.empty();
    }

    private static boolean search(Object value, List<Object> path) {
        if (value instanceof String text) {
            return text.indexOf(NUL) >= 0;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                path.add(entry.getKey());
                if (String.valueOf(entry.getKey()).indexOf(NUL) >= 0 || search(entry.getValue(), path)) {
                    return true;
                }
                path.remove(path.size() - 1);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                if (search(list.get(i), path)) {
                    return true;
                }
                path.remove(path.size() - 1);
            }
        }
        return false;
    }
}
