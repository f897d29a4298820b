package dev.vigil.evaluator.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.support.auth.Role;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A validated {@code POST /api/api_keys} body: {@code name}, {@code role}, optional {@code expires}
 * (ISO-8601 with an offset, in the future) and, for admins of the default workspace only, the
 * {@code account_id} and {@code workspace_id} of another workspace to create the key for.
 */
record ApiKeyRequest(String name, Role role, OffsetDateTime expires, UUID accountId, UUID workspaceId) {

    static final int MAX_NAME_LENGTH = 200;

    static ApiKeyRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationProblemException(List.of(
                    FieldProblem.body("Input should be an object with name and role", "model_type")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = name(body.get("name"), problems);
        Role role = role(body.get("role"), problems);
        OffsetDateTime expires = expires(body.get("expires"), problems);
        UUID account = uuid(body, "account_id", problems);
        UUID workspace = uuid(body, "workspace_id", problems);
        if (!problems.isEmpty()) {
            throw new ValidationProblemException(problems);
        }
        return new ApiKeyRequest(name, role, expires, account, workspace);
    }

    private static String name(JsonNode node, List<FieldProblem> problems) {
        if (node == null || !node.isTextual()) {
            problems.add(FieldProblem.body("name is required and must be a string", "string_type", "name"));
            return null;
        }
        String name = node.textValue();
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            problems.add(FieldProblem.body("name must have 1 to " + MAX_NAME_LENGTH + " characters", "string_length",
                    "name"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add(FieldProblem.body("name must not contain control characters", "value_error", "name"));
        }
        return name;
    }

    private static Role role(JsonNode node, List<FieldProblem> problems) {
        Role role = node != null && node.isTextual() ? Role.fromWireName(node.textValue()) : null;
        if (role == null) {
            problems.add(FieldProblem.body("role must be one of read, write, events, admin", "enum", "role"));
        }
        return role;
    }

    private static OffsetDateTime expires(JsonNode node, List<FieldProblem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(FieldProblem.body("expires must be an ISO-8601 date-time string", "datetime_type",
                    "expires"));
            return null;
        }
        try {
            OffsetDateTime expires = OffsetDateTime.parse(node.textValue()).withOffsetSameInstant(ZoneOffset.UTC);
            if (!expires.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
                problems.add(FieldProblem.body("expires must be in the future", "value_error", "expires"));
            }
            return expires;
        } catch (java.time.DateTimeException e) {
            problems.add(FieldProblem.body("expires must be an ISO-8601 date-time with an offset, such as"
                    + " 2030-01-01T00:00:00Z", "datetime_parsing", "expires"));
            return null;
        }
    }

    private static UUID uuid(JsonNode body, String field, List<FieldProblem> problems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isTextual() && node.textValue().length() == 36) {
                return UUID.fromString(node.textValue());
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        problems.add(FieldProblem.body(field + " must be a UUID", "uuid_parsing", field));
        return null;
    }
}
