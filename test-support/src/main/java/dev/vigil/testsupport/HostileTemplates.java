package dev.vigil.testsupport;

import java.util.List;

/**
 * Jinja templates that exhaust an unbounded renderer's memory or CPU, at lethal sizes, for the services'
 * template-bounds tests (shared-model's {@code TemplateBoundsTest} checks each refusal's reason).
 */
public final class HostileTemplates {

    /** Sizes written in the template: refused at validation as well as at render. */
    public static final List<String> LITERAL = List.of(
            "{{ 'a'|center(1000000000) }}",
            "{{ '%999999999s'|format(1) }}",
            "{{ [1, 2, 3]|batch(1000000000, 'x') }}",
            "{{ 'a'.repeat(600000000) }}",
            "{{ 'a' * 1000000000 }}",
            "{{ 'a'|indent(1000000000) }}",
            "{{ 'aaaaaaaaaa'" + "|replace('a', 'aaaaaaaaaa')".repeat(9) + " }}",
            "{{ 'a'" + "|center(1000000)|urlencode".repeat(50) + " }}",
            "{{ 'a'" + "|lower".repeat(5000) + " }}",
            "{{ " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " }}");

    /** Refused only when rendered with data, or by the render's deadline. */
    public static final List<String> AT_RENDER = List.of(
            "{% for i in range(100) %}{% for j in range(100) %}{% for k in range(100) %}x"
                    + "{% endfor %}{% endfor %}{% endfor %}",
            "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
            "{% macro m(n) %}{{ m(n) }}{{ m(n) }}{% endmacro %}{{ m(1) }}");

    /** Both lists. */
    public static final List<String> ALL = java.util.stream.Stream.concat(LITERAL.stream(), AT_RENDER.stream())
            .toList();

    /** A template that renders {@code body} harmlessly, except for the event {@code name}, where it explodes. */
    public static String timeBomb(String variable, String name, String body) {
        return "{% if " + variable + " == '" + name + "' %}{{ 'a'|center(1000000000) }}{% endif %}" + body;
    }

    private HostileTemplates() {
    }
}
