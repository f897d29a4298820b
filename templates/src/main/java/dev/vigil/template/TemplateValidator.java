package dev.vigil.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Save-time checks of a template, as Prefect's: it parses (tags and expressions, in every branch
 * and loop body), it has at most {@code maxLoops} {@code for} loops, nested at most
 * {@code maxLoopNesting} deep.
 */
final class TemplateValidator {

    private final Jinjava validating;
    private final TemplateLimits limits;
    private final RenderBudget budget;

    TemplateValidator(Jinjava validating, TemplateLimits limits, RenderBudget budget) {
        this.validating = validating;
        this.limits = limits;
        this.budget = budget;
    }

    List<TemplateProblem> validate(String template) {
        if (!JinjaEnvironment.isTemplate(template)) {
            return List.of();
        }
        Set<TemplateProblem> problems = new LinkedHashSet<>();
        unclosedDelimiter(template).ifPresent(problems::add);
        JinjavaInterpreter interpreter = validating.newInterpreter();
        Node root;
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            root = interpreter.parse(template);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        interpreter.getErrors().stream().filter(TemplateValidator::fatal).forEach(e -> problems.add(problem(e)));
        if (problems.isEmpty()) {
            // Validation mode renders every branch and loop body once, which surfaces expression syntax errors,
            // and sizes written in the template (a center width, a batch size) that break the render's bounds.
            try (RenderBudget.Scope scope = budget.start()) {
                RenderResult result = validating.renderForResult(template, Map.of());
                scope.problem().ifPresentOrElse(problems::add, () -> result.getErrors()
                        .stream()
                        .filter(TemplateValidator::fatal)
                        .filter(e -> e.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR
                                || e.getReason() == TemplateError.ErrorReason.UNKNOWN)
                        .forEach(e -> problems.add(problem(e))));
            }
        }
        List<TagNode> loops = new ArrayList<>();
        collectLoops(root, 0, loops, problems);
        if (loops.size() > limits.maxLoops()) {
            problems.add(new TemplateProblem(loops.get(limits.maxLoops()).getLineNumber(),
                    "Contains " + loops.size() + " for loops; at most " + limits.maxLoops() + " are allowed"));
        }
        List<TemplateProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(TemplateProblem::line));
        return sorted;
    }

    private void collectLoops(Node node, int depth, List<TagNode> loops, Set<TemplateProblem> problems) {
        int inside = depth;
        if (node instanceof TagNode tag && tag.getTag() instanceof ForTag) {
            loops.add(tag);
            inside = depth + 1;
            if (inside > limits.maxLoopNesting()) {
                problems.add(new TemplateProblem(tag.getLineNumber(), "For loops are nested " + inside
                        + " deep; at most " + limits.maxLoopNesting() + " levels are allowed"));
            }
        }
        for (Node child : node.getChildren()) {
            collectLoops(child, inside, loops, problems);
        }
    }

    private static boolean fatal(TemplateError error) {
        return error.getSeverity() == TemplateError.ErrorType.FATAL;
    }

    private static TemplateProblem problem(TemplateError error) {
        return new TemplateProblem(Math.max(error.getLineno(), 0), Math.max(error.getStartPosition(), 0),
                error.getMessage());
    }

    /** Jinja refuses an expression or tag that is never closed; Jinjava would render it as text. */
    private static java.util.Optional<TemplateProblem> unclosedDelimiter(String template) {
        for (String[] pair : new String[][] {{"{{", "}}"}, {"{%", "%}"}}) {
            int open = template.indexOf(pair[0]);
            while (open >= 0) {
                int close = template.indexOf(pair[1], open + 2);
                if (close < 0) {
                    int line = (int) template.substring(0, open).chars().filter(c -> c == '\n').count() + 1;
                    int column = open - template.lastIndexOf('\n', open);
                    return java.util.Optional.of(new TemplateProblem(line, column, "unexpected end of template: '" + pair[0]
                            + "' is never closed with '" + pair[1] + "'"));
                }
                open = template.indexOf(pair[0], close + 2);
            }
        }
        return java.util.Optional.empty();
    }
}
