package dev.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.event.Resource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates Prefect users write, rendered as Python's Jinja2 renders them in Prefect. */
class PrefectTemplateParityTest {

    private final JinjaEnvironment jinja = new JinjaEnvironment();

    private String render(String template) {
        return jinja.render(template, Map.of());
    }

    @Test
    void plusWithoutSpacesIsValidAndAdds() {
        assertThat(jinja.validate("{{ 1+1 }}")).isEmpty();
        assertThat(render("{{ 1+1 }}")).isEqualTo("2");
        assertThat(render("{{ 1 +1 }}|{{ (1)+2 }}")).isEqualTo("2|3");
        assertThat(jinja.render("{{ x+1 }}", Map.of("x", 4))).isEqualTo("5");
    }

    @Test
    void defaultKeepsANumberSoDefaultPlusOneIsTwo() {
        assertThat(jinja.validate("{{ x|default(1)+1 }}")).isEmpty();
        assertThat(render("{{ x|default(1)+1 }}")).isEqualTo("2");
        assertThat(render("{{ x|default(1) + 1 }}")).isEqualTo("2");
        assertThat(jinja.render("{{ x|default(1) + 1 }}", Map.of("x", 5))).isEqualTo("6");
        assertThat(render("{{ x|default('none') }}|{{ ''|default('empty', true) }}|{{ ''|default('kept') }}"))
                .isEqualTo("none|empty|");
    }

    @Test
    void plusInStringsNumbersAndRawBlocksIsLeftAlone() {
        assertThat(render("{{ 'a+1' }}|{{ 1e+2 }}")).isEqualTo("a+1|100.0");
        assertThat(render("{% raw %}{{ 1+1 }}{% endraw %}")).isEqualTo("{{ 1+1 }}");
    }

    @Test
    void rangeOverTheLimitIsRefusedInsteadOfCut() {
        assertThatThrownBy(() -> render("{{ range(1000)|length }}"))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("range() of 1000 items is over the limit of 100");
        assertThat(jinja.validate("{% for i in range(1000) %}{{ i }}{% endfor %}"))
                .extracting(TemplateProblem::message)
                .anySatisfy(m -> assertThat(m).contains("range() of 1000 items is over the limit of 100"));
        assertThat(render("{{ range(100)|length }}|{{ range(0, 1000, 10)|length }}|{{ range(5, 0, -2)|list }}"))
                .isEqualTo("100|100|[5, 3, 1]");
    }

    /**
     * Prefect's LabelDiver iterates as (label, value) tuples, so Jinja2's {@code sort} (which sorts what iteration
     * yields) gives the pairs ordered by label, and a two-name loop unpacks them. ({@code dict|sort} on a plain dict
     * sorts its keys; resource labels are not a plain dict in Prefect.)
     */
    @Test
    void sortedResourceLabelsYieldLabelValuePairsAsPrefectsLabelDiver() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Resource.ID, "prefect.flow-run.1");
        labels.put("b", "2");
        labels.put("a", "1");
        Map<String, Object> context = Map.of("event", Map.of("resource", TemplateResource.of(new Resource(labels))));
        assertThat(jinja.render("{% for label, value in event.resource.labels|sort %}{{ label }}={{ value }};"
                + "{% endfor %}", context)).isEqualTo("a=1;b=2;prefect.resource.id=prefect.flow-run.1;");
        assertThat(jinja.render("{% for label, value in event.resource.labels|sort(reverse=true)|list %}{{ label }};"
                + "{% endfor %}", context)).isEqualTo("prefect.resource.id;b;a;");
        assertThat(jinja.render("{{ (event.resource.labels|sort|first)[1] }}", context)).isEqualTo("1");
    }

    @Test
    void plainDictSortStillSortsKeys() {
        assertThat(jinja.render("{% for k in d|sort %}{{ k }};{% endfor %}", Map.of("d", Map.of("b", 1, "a", 2))))
                .isEqualTo("a;b;");
        assertThat(jinja.render("{% for k, v in d|dictsort %}{{ k }}={{ v }};{% endfor %}",
                Map.of("d", Map.of("b", 1, "a", 2)))).isEqualTo("a=2;b=1;");
    }


    @Test
    void validationReportsLineAndColumnOfTheFaultyExpression() {
        assertThat(jinja.validate("line one\n  x {{ 1 + }}")).first().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).as("the dangling '+'").isEqualTo(10);
        });
        assertThat(jinja.validate("ok\n ab {{ x")).first().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo(5);
        });
    }

    @Test
    void stringTimesNumberRepeatsAsInPythonWithinTheStringBound() {
        assertThat(jinja.validate("{{ 'a' * 3 }}")).isEmpty();
        assertThat(render("{{ 'a' * 3 }}|{{ 'ab'*2 }}|{{ 2 * 'x' }}|{{ 'a' * 0 }}|{{ 2 * 3 }}|{{ 1.5 * 2 }}"))
                .isEqualTo("aaa|abab|xx||6|3.0");
        JinjaEnvironment small = new JinjaEnvironment(TemplateLimits.DEFAULTS.withMaxStringLength(10));
        assertThatThrownBy(() -> small.render("{{ 'ab' * 6 }}", Map.of()))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("over the limit of 10 characters");
        assertThatThrownBy(() -> render("{{ 'a' * 600000000 }}")).isInstanceOf(TemplateRenderException.class);
    }
}
