package dev.vigil.template;

import java.util.Optional;

/**
 * Refuses brackets nested deeper than the limit inside {@code {{ }}} and {@code {% %}} before Jinjava
 * parses them: its expression parser recurses per level and slows down quadratically with depth, all
 * inside one node where the render's deadline cannot stop it.
 */
final class ExpressionNesting {

    private ExpressionNesting() {
    }

    /** The first place where brackets nest deeper than {@code limit}, or empty. */
    static Optional<TemplateProblem> tooDeep(String template, int limit) {
        int line = 1;
        int depth = 0;
        boolean inside = false;
        char quote = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (!inside) {
                if (c == '{' && i + 1 < template.length() && (template.charAt(i + 1) == '{'
                        || template.charAt(i + 1) == '%')) {
                    inside = true;
                    depth = 0;
                    i++;
                }
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > limit) {
                    return Optional.of(new TemplateProblem(line, "Brackets are nested more than " + limit
                            + " deep"));
                }
            } else if (c == ')' || c == ']' || c == '}' && depth > 0) {
                depth = Math.max(0, depth - 1);
            } else if ((c == '}' || c == '%') && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                inside = false;
                i++;
            }
        }
        return Optional.empty();
    }
}
