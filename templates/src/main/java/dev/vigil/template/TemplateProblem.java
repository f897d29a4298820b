package dev.vigil.template;

/**
 * One reason a template is rejected at save time.
 *
 * @param line    1-based line of the template, 0 when the problem is about the whole template
 * @param column  1-based column on that line where the parser found the fault (or where the unclosed tag
 *                or expression starts), 0 when unknown
 * @param message what is wrong, safe to show to the user
 */
public record TemplateProblem(int line, int column, String message) {

    public TemplateProblem(int line, String message) {
        this(line, 0, message);
    }

    @Override
    public String toString() {
        return line > 0 ? "line " + line + ": " + message : message;
    }
}
