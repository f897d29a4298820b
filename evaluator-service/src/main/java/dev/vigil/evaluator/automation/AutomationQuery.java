package dev.vigil.evaluator.automation;

import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import io.quarkus.panache.common.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A validated {@link AutomationFilter}, as an HQL condition, sort and page. */
final class AutomationQuery {

    static final int MAX_LIMIT = 200;
    private static final String LIKE_ESCAPE = "!";

    private final String where;
    private final Parameters parameters;
    private final AutomationSort sort;
    private final int limit;
    private final int offset;

    private AutomationQuery(String where, Parameters parameters, AutomationSort sort, int limit, int offset) {
        this.where = where;
        this.parameters = parameters;
        this.sort = sort;
        this.limit = limit;
        this.offset = offset;
    }

    static AutomationQuery of(AutomationFilter filter) {
        AutomationFilter body = filter == null ? AutomationFilter.NONE : filter;
        AutomationSort sort = AutomationSort.parse(body.sort()).orElseThrow(() -> invalid(
                "Input should be one of NAME_ASC, NAME_DESC, CREATED_DESC, UPDATED_DESC", "enum", "sort"));
        int limit = body.limit() == null ? MAX_LIMIT : body.limit();
        if (limit < 0 || limit > MAX_LIMIT) {
            throw invalid("limit must be between 0 and " + MAX_LIMIT, "less_than_equal", "limit");
        }
        int offset = body.offset() == null ? 0 : body.offset();
        if (offset < 0) {
            throw invalid("offset must be greater than or equal to 0", "greater_than_equal", "offset");
        }
        List<String> clauses = new ArrayList<>();
        Parameters parameters = new Parameters();
        AutomationFilter.Criteria criteria = body.automations();
        if (criteria != null) {
            if (criteria.name() != null && criteria.name().any() != null) {
                clauses.add("name in :names");
                parameters.and("names", criteria.name().any());
            }
            if (criteria.name() != null && criteria.name().like() != null && !criteria.name().like().isEmpty()) {
                clauses.add("lower(name) like :nameLike escape '" + LIKE_ESCAPE + "'");
                parameters.and("nameLike", containsPattern(criteria.name().like()));
            }
            if (criteria.created() != null && criteria.created().before() != null) {
                clauses.add("created <= :createdBefore");
                parameters.and("createdBefore", criteria.created().before());
            }
            if (criteria.tags() != null) {
                tagClauses(criteria.tags(), clauses, parameters);
            }
        }
        String joiner = criteria != null && "or_".equals(criteria.operator()) ? " or " : " and ";
        String where = "workspaceId = :ws" + (clauses.isEmpty() ? "" : " and (" + String.join(joiner, clauses) + ")");
        return new AutomationQuery(where, parameters, sort, limit, offset);
    }

    /** {@code %text%}, lower case, with LIKE's own characters in {@code text} matched literally. */
    static String containsPattern(String text) {
        String escaped = text.toLowerCase(java.util.Locale.ROOT)
                .replace(LIKE_ESCAPE, LIKE_ESCAPE + LIKE_ESCAPE)
                .replace("%", LIKE_ESCAPE + "%")
                .replace("_", LIKE_ESCAPE + "_");
        return "%" + escaped + "%";
    }

    private static void tagClauses(AutomationFilter.TagsCriteria tags, List<String> clauses, Parameters parameters) {
        if (tags.all() != null && !tags.all().isEmpty()) {
            clauses.add("array_includes(tags, :allTags)");
            parameters.and("allTags", tags.all().toArray(String[]::new));
        }
        if (tags.any() != null && !tags.any().isEmpty()) {
            clauses.add("array_intersects(tags, :anyTags)");
            parameters.and("anyTags", tags.any().toArray(String[]::new));
        }
        if (tags.isNull() != null) {
            clauses.add(tags.isNull() ? "array_length(tags) = 0" : "array_length(tags) > 0");
        }
    }

    private static ValidationProblemException invalid(String msg, String type, String field) {
        return new ValidationProblemException(FieldProblem.body(msg, type, field));
    }

    String where() {
        return where;
    }

    /** The order as an HQL {@code order by} list (without the keywords). */
    String orderBy() {
        return sort.orderBy();
    }

    Parameters parameters(UUID workspaceId) {
        Parameters all = new Parameters().and("ws", workspaceId);
        parameters.map().forEach(all::and);
        return all;
    }

    int limit() {
        return limit;
    }

    int offset() {
        return offset;
    }
}
