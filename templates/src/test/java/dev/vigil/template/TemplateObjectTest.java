package dev.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TemplateObjectTest {

    private final JinjaEnvironment jinja = new JinjaEnvironment(TemplateLimits.DEFAULTS, null);

    @Test
    void aLazyObjectIsConvertedOnlyWhenATemplateReadsItAndThenOnce() {
        AtomicInteger conversions = new AtomicInteger();
        TemplateObject automation = TemplateObject.lazy("automation", () -> {
            conversions.incrementAndGet();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", "nightly");
            return fields;
        });
        Map<String, Object> context = Map.of("automation", automation, "greeting", "hello");

        assertThat(jinja.render("{{ greeting }}", context)).isEqualTo("hello");
        assertThat(conversions).hasValue(0);

        assertThat(jinja.render("{{ automation.name }} {{ automation.name | upper }}", context))
                .isEqualTo("nightly NIGHTLY");
        assertThat(jinja.render("{{ automation.items() | length }}", context)).isEqualTo("1");
        assertThat(conversions).hasValue(1);
        assertThat(automation.kind()).isEqualTo("automation");
    }

    @Test
    void aLazyObjectWithoutFieldsIsAnEmptyDict() {
        TemplateObject nothing = TemplateObject.lazy("flow-run", () -> null);

        assertThat(nothing).isEmpty();
        assertThat(jinja.render("{{ run.missing | default('none') }}", Map.of("run", nothing))).isEqualTo("none");
    }
}
