package dev.vigil.support.error;

import java.util.List;
import java.util.UUID;

/** Parses UUIDs from request paths, answering 422 naming the parameter when one is malformed. */
public final class PathIds {

    private static final int CANONICAL_LENGTH = 36;

    private PathIds() {
    }

    public static UUID parse(String parameter, String value) {
        try {
            if (value != null && value.length() == CANONICAL_LENGTH) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ValidationProblemException(new FieldProblem(List.of("path", parameter),
                "Input should be a valid UUID", "uuid_parsing"));
    }
}
