package dev.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every render is bounded while it runs: hostile templates fail cleanly, and the JVM renders on. */
class TemplateBoundsTest {

    private static final Map<String, Object> CONTEXT = Map.of("event", Map.of("event", "x.y"));

    private final JinjaEnvironment jinja = new JinjaEnvironment();

    /** Each would take gigabytes or minutes unbounded; the expected text is part of the refusal. */
    static List<String[]> hostile() {
        return HostileTemplates.ALL;
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTemplateFailsCleanlyAndTheNextRenderWorks(String template, String reason) {
        assertThatThrownBy(() -> jinja.render(template, CONTEXT))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining(reason);
        assertThat(jinja.render("{{ event.event }} ok", CONTEXT)).isEqualTo("x.y ok");
    }

    @Test
    void sizesWrittenInTheTemplateAreProblemsAtValidationWithTheirLine() {
        assertThat(jinja.validate("first\n{{ 'a'|center(1000000000) }}"))
                .containsExactly(new TemplateProblem(2, "filter 'center': width 1000000000 is over the limit of "
                        + TemplateLimits.DEFAULTS.maxStringLength()));
        assertThat(jinja.validate("{{ [1, 2]|batch(1000000000) }}")).hasSize(1);
        assertThat(jinja.validate("{{ '%999999999s'|format(1) }}")).hasSize(1);
        assertThat(jinja.validate("{{ 'a'.repeat(600000000) }}")).hasSize(1);
    }

    @Test
    void sizeArgumentsAreRefusedBeforeTheFilterRuns() {
        JinjaEnvironment small = new JinjaEnvironment(TemplateLimits.DEFAULTS.withMaxStringLength(100)
                .withMaxCollectionSize(10));
        assertThat(small.render("{{ 'a'|center(100)|length }}", Map.of())).isEqualTo("100");
        assertThatThrownBy(() -> small.render("{{ 'a'|center(101) }}", Map.of()))
                .hasMessageContaining("width 101 is over the limit of 100");
        assertThatThrownBy(() -> small.render("{{ 'a'|center(width=101) }}", Map.of()))
                .hasMessageContaining("width 101");
        assertThat(small.render("{{ [1, 2, 3]|batch(10)|list|length }}", Map.of())).isEqualTo("1");
        assertThatThrownBy(() -> small.render("{{ [1, 2, 3]|batch(11) }}", Map.of())).hasMessageContaining("size 11");
        assertThatThrownBy(() -> small.render("{{ 'a\na\na'|indent(40) }}", Map.of()))
                .hasMessageContaining("indented length 125");
        assertThatThrownBy(() -> small.render("{{ '%50s%50s'|format(1, 2) }}", Map.of()))
                .hasMessageContaining("formatted length 108");
        assertThat(small.render("{{ 'aaaa'|replace('a', 'x' * 1) }}", Map.of())).isEqualTo("xxxx");
        assertThatThrownBy(() -> small.render("{{ 'aaaaaaaaaa'|replace('a', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') }}", Map.of()))
                .hasMessageContaining("replaced length 300");
        assertThatThrownBy(() -> small.render("{{ 'abcdefghijk'|list }}", Map.of())).hasMessageContaining("list size 11");
        assertThatThrownBy(() -> small.render("{{ ['a'|center(40), 'b'|center(40), 'c'|center(40)]|join }}", Map.of()))
                .hasMessageContaining("joined length 120");
    }

    @Test
    void noIntermediateResultMayOutgrowTheCaps() {
        JinjaEnvironment small = new JinjaEnvironment(TemplateLimits.DEFAULTS.withMaxStringLength(100)
                .withMaxCollectionSize(10));
        assertThatThrownBy(() -> small.render("{{ 'a b c d e f g h i j k'|split(' ') }}", Map.of()))
                .hasMessageContaining("number of pieces 11");
        assertThatThrownBy(() -> small.render("{{ range(11)|list }}", Map.of()))
                .isInstanceOf(TemplateRenderException.class);
        assertThatThrownBy(() -> small.render("{{ 'a'|center(60)|urlencode|urlencode }}", Map.of()))
                .hasMessageContaining("result of");
    }

    @Test
    void loopIterationsAreCountedAcrossTheWholeRender() {
        JinjaEnvironment small = new JinjaEnvironment(TemplateLimits.DEFAULTS.withMaxLoopIterations(1000));
        assertThat(small.render("{% for i in range(10) %}{% for j in range(99) %}{% endfor %}{% endfor %}ok",
                Map.of())).isEqualTo("ok");
        assertThatThrownBy(() -> small.render(
                "{% for i in range(10) %}{% for j in range(100) %}{% endfor %}{% endfor %}", Map.of()))
                .hasMessageContaining("Loops ran more than 1000 iterations");
    }

    @Test
    void macrosMayRecurseOnlyToTheirDepth() {
        String countdown = "{% macro down(n) %}{{ n }}{% if n > 0 %}{{ down(n - 1) }}{% endif %}{% endmacro %}";
        assertThat(jinja.render(countdown + "{{ down(5) }}", Map.of())).isEqualTo("543210");
        assertThatThrownBy(() -> jinja.render(countdown + "{{ down(100) }}", Map.of()))
                .hasMessageContaining("Max recursion limit of " + TemplateLimits.DEFAULTS.maxMacroDepth());
    }

    @Test
    void theDeadlineStopsWorkInsideOneExpression() {
        JinjaEnvironment quick = new JinjaEnvironment(TemplateLimits.DEFAULTS.withRenderTimeout(Duration.ofMillis(50)));
        String branching = "{% macro m(n) %}{{ m(n) }}{{ m(n) }}{% endmacro %}{{ m(1) }}";
        assertThatThrownBy(() -> quick.render(branching, Map.of())).hasMessageContaining("longer than 50 ms");
    }

    @Test
    void onlyPrefectsDictListAndStringMethodsCanBeCalled() {
        assertThat(jinja.render("{{ {'a': 1}.get('b', 2) }} {{ {'a': 1}.keys()|list }} {{ [3, 4].index(4) }} "
                + "{{ ' A,b '.strip().lower().split(',') }} {{ 'ab'.startswith('a') }} {{ 'ab'.replace('b', 'c') }} "
                + "{% for x in [1, 2] %}{{ loop.cycle('o', 'e') }}{% endfor %}", Map.of()))
                .isEqualTo("2 ['a'] 1 ['a', 'b'] true ac oe");
        for (String java : List.of("{{ 'a'.repeat(3) }}", "{{ 'a'.concat('b') }}", "{{ 'a'.getBytes() }}",
                "{{ 'a'.toString() }}", "{{ {'a': 1}.hashCode() }}", "{{ [1].toArray() }}")) {
            assertThatThrownBy(() -> jinja.render(java, Map.of())).as(java)
                    .isInstanceOf(TemplateRenderException.class);
        }
        assertThat(jinja.render("{{ 'a.b'.split('.') }}", Map.of())).as("a literal separator, not a regex")
                .isEqualTo("['a', 'b']");
    }

    @Test
    void renderFilterAndRegexReplaceAreDisabled() {
        assertThatThrownBy(() -> jinja.render("{{ '{{ 1 }}'|render }}", Map.of())).hasMessageContaining("disabled");
        assertThatThrownBy(() -> jinja.render("{{ 'aaaa'|regex_replace('(a+)+$', '') }}", Map.of()))
                .hasMessageContaining("disabled");
    }

    @Test
    void aTemplateNestedDeeperThanTheStackFailsCleanly() {
        String deep = "{{ " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " }}";
        assertThatThrownBy(() -> jinja.render(deep, Map.of())).isInstanceOf(TemplateRenderException.class);
        assertThat(jinja.validate(deep)).isNotEmpty();
        String longChain = "{{ 'a'" + "|lower".repeat(5000) + " }}";
        assertThatThrownBy(() -> jinja.render(longChain, Map.of())).isInstanceOf(TemplateRenderException.class);
        assertThat(jinja.validate(longChain)).isNotEmpty();
        assertThat(jinja.render("{{ 'A'" + "|lower".repeat(20) + " }}", Map.of())).isEqualTo("a");
    }
}
