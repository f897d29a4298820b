package dev.vigil.model.validation;

import java.util.Optional;

/** Checks that a user template is acceptable Jinja; empty when it is, else the reason. */
@FunctionalInterface
public interface TemplateChecker {

    TemplateChecker ACCEPT_ALL = template -> Optional.empty();

    Optional<String> problem(String template);
}
