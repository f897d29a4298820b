package dev.vigil.template;

/**
 * One reason a template is rejected at save time.
 *
 * @param line    1-based line of the template, 0 when the problem is about the whole template
 * @param message what is wrong, safe to show to the user
 */
public record TemplateProblem(int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? "line " + line + ": " + message : message;
    }
}
