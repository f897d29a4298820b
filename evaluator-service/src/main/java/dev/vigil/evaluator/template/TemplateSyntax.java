package dev.vigil.evaluator.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import dev.vigil.model.validation.TemplateChecker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Save-time checks of user templates, as Prefect makes them: the template must parse, use at
 * most {@value #MAX_LOOPS} {@code for} loops, and nest blocks at most {@value #MAX_NESTING} deep.
 */
@ApplicationScoped
public class TemplateSyntax implements TemplateChecker {

    public static final int MAX_LOOPS = 10;
    public static final int MAX_NESTING = 2;

    /** Why a template was refused, and where. */
    public record SyntaxProblem(int line, String message) {
    }

    private final Jinjava jinjava = new Jinjava();

    @Override
    public Optional<String> problem(String template) {
        return check(template).map(SyntaxProblem::message);
    }

    public Optional<SyntaxProblem> check(String template) {
        if (template == null || !(template.contains("{{") || template.contains("{%"))) {
            return Optional.empty();
        }
        Optional<SyntaxProblem> unclosed = unclosedDelimiter(template);
        if (unclosed.isPresent()) {
            return unclosed;
        }
        JinjavaInterpreter interpreter = jinjava.newInterpreter();
        Node root = interpreter.parse(template);
        for (TemplateError error : interpreter.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                return Optional.of(new SyntaxProblem(Math.max(error.getLineno(), 1), error.getMessage()));
            }
        }
        int[] loops = {0};
        int depth = deepestNesting(root, 0, loops);
        if (loops[0] > MAX_LOOPS) {
            return Optional.of(new SyntaxProblem(1, "Templates may use at most " + MAX_LOOPS + " for loops"));
        }
        if (depth > MAX_NESTING) {
            return Optional.of(new SyntaxProblem(1, "Templates may nest blocks at most " + MAX_NESTING + " deep"));
        }
        return Optional.empty();
    }

    /** Jinja refuses an expression or tag that is never closed; Jinjava would render it as text. */
    private static Optional<SyntaxProblem> unclosedDelimiter(String template) {
        for (String[] pair : new String[][] {{"{{", "}}"}, {"{%", "%}"}}) {
            int open = template.indexOf(pair[0]);
            while (open >= 0) {
                int close = template.indexOf(pair[1], open + 2);
                if (close < 0) {
                    int line = (int) template.substring(0, open).chars().filter(c -> c == '\n').count() + 1;
                    return Optional.of(new SyntaxProblem(line, "unexpected end of template: '" + pair[0]
                            + "' is never closed with '" + pair[1] + "'"));
                }
                open = template.indexOf(pair[0], close + 2);
            }
        }
        return Optional.empty();
    }

    private static int deepestNesting(Node node, int depth, int[] loops) {
        int deepest = depth;
        for (Node child : node.getChildren()) {
            int childDepth = depth;
            if (child instanceof TagNode tag) {
                if ("for".equals(tag.getName())) {
                    loops[0]++;
                }
                if (!tag.getChildren().isEmpty()) {
                    childDepth = depth + 1;
                }
            }
            deepest = Math.max(deepest, deepestNesting(child, childDepth, loops));
        }
        return deepest;
    }
}
