package dev.vigil.template;

import java.util.List;

/** Templates that exhaust an unbounded renderer's memory or CPU, each with a part of its refusal. */
public final class HostileTemplates {

    /** Renders normally at save time; hostile only when the event is {@code boom}. */
    public static final String TIME_BOMB = "{% if event.event == 'boom' %}{{ 'a'|center(1000000000) }}{% endif %}"
            + "{{ event.event }}";

    public static final List<String[]> ALL = List.of(
            new String[] {"{{ 'a'|center(1000000000) }}", "width 1000000000"},
            new String[] {"{{ '%999999999s'|format(1) }}", "formatted length"},
            new String[] {"{{ '%.999999999f'|format(1.5) }}", "formatted length"},
            new String[] {"{{ [1, 2, 3]|batch(1000000000, 'x') }}", "size 1000000000"},
            new String[] {"{{ [1, 2, 3]|slice(1000000000) }}", "size 1000000000"},
            new String[] {"{{ 'a'.repeat(600000000) }}", "Cannot find method 'repeat'"},
            new String[] {"{{ 'a' * 1000000000 }}", "string repetition of 1 characters 1000000000 times is over the limit"},
            new String[] {"{{ 'a'|indent(1000000000) }}", "indented length"},
            new String[] {"{{ 'a'|wordwrap(1000000000) }}", "width 1000000000"},
            new String[] {"{{ 'a'|truncate(1000000000) }}", "width 1000000000"},
            new String[] {"{{ 1|round(999999999) }}", "precision 999999999"},
            new String[] {"{{ 'aaaaaaaaaa'" + "|replace('a', 'aaaaaaaaaa')".repeat(9) + " }}", "replaced length"},
            new String[] {"{{ 'aaaaaaaaaa'" + ".replace('a', 'aaaaaaaaaa')".repeat(9) + " }}", "replace: result of"},
            new String[] {"{{ 'a'" + "|center(1000000)|urlencode".repeat(50) + " }}", "result of"},
            new String[] {"{% set x = 'a'|center(1000000) %}{{ [x, x, x, x, x]|join }}", "joined length"},
            new String[] {"{% set x = 'a'|center(1000000) %}{{ x ~ x ~ x }}", "OutputTooBig"},
            new String[] {"{% for i in range(100) %}{% for j in range(100) %}{% for k in range(100) %}x"
                    + "{% endfor %}{% endfor %}{% endfor %}", "Loops ran more than"},
            new String[] {"{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "Max recursion limit"},
            new String[] {"{% macro m(n) %}{{ m(n) }}{{ m(n) }}{% endmacro %}{{ m(1) }}", "Template rendering"},
            new String[] {"{{ '{{ 1 }}'|render }}", "disabled"},
            new String[] {TIME_BOMB.replace("event.event == 'boom'", "true"), "width 1000000000"});

    private HostileTemplates() {
    }
}
