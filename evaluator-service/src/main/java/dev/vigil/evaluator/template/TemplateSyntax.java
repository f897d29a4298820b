package dev.vigil.evaluator.template;

import dev.vigil.model.validation.TemplateChecker;
import dev.vigil.template.JinjaEnvironment;
import dev.vigil.template.TemplateLimits;
import dev.vigil.template.TemplateProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Save-time checks of user templates, with the same environment the actuator renders them with:
 * the template must parse, use at most 10 {@code for} loops and nest at most 2 deep, and sizes written
 * in it (a {@code center} width, a {@code batch} size) must be within the render bounds.
 */
@ApplicationScoped
public class TemplateSyntax implements TemplateChecker {

    private final JinjaEnvironment jinja;

    public TemplateSyntax(TemplateLimits limits) {
        this.jinja = new JinjaEnvironment(limits);
    }

    @Override
    public Optional<String> problem(String template) {
        return check(template).map(TemplateProblem::message);
    }

    public Optional<TemplateProblem> check(String template) {
        return jinja.validate(template).stream().findFirst();
    }
}
