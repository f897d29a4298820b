package dev.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JinjaEnvironmentTest {

    private final JinjaEnvironment jinja = new JinjaEnvironment();

    private static ReceivedEvent event() {
        return new ReceivedEvent(OffsetDateTime.parse("2026-01-01T00:00:00Z"), "external.resource.pinged",
                new Resource(Map.of(Resource.ID, "my.resource.1", Resource.NAME, "one")),
                List.of(new RelatedResource(Map.of(Resource.ID, "prefect.flow.x", Resource.ROLE, "flow"))),
                Map.of("size", 3), UUID.randomUUID(), null, OffsetDateTime.parse("2026-01-01T00:00:01Z"));
    }

    @Test
    void resourceIdAndNameShortcutsRender() {
        String out = jinja.render("{\"id\": \"{{ event.resource.id }}\", \"n\": \"{{ event.resource.name }}\"}",
                Map.of("event", TemplateContext.event(event())));
        assertThat(out).isEqualTo("{\"id\": \"my.resource.1\", \"n\": \"one\"}");
    }

    @Test
    void resourceInRoleAndPayloadRender() {
        String out = jinja.render("{{ event.resource_in_role.flow.id }} {{ event.payload.size }}",
                Map.of("event", TemplateContext.event(event())));
        assertThat(out).isEqualTo("prefect.flow.x 3");
    }

    @Test
    void plainTextIsNotRendered() {
        assertThat(jinja.render("no {templates} here", Map.of())).isEqualTo("no {templates} here");
    }

    @Test
    void undefinedRendersEmpty() {
        assertThat(jinja.render("[{{ nothing.here }}]", Map.of())).isEqualTo("[]");
    }

    @Test
    void classPropertyRendersEmpty() {
        String out = jinja.render("[{{ event.class }}{{ event.resource.class }}]",
                Map.of("event", TemplateContext.event(event())));
        assertThat(out).isEqualTo("[]");
    }

    @Test
    void getClassCallFailsWithAReasonInsteadOfExecuting() {
        assertThatThrownBy(() -> jinja.render("{{ event.getClass() }}", Map.of("event", TemplateContext.event(event()))))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("getClass");
    }

    @Test
    void oversizedRangeFails() {
        String out = jinja.render("{% for i in range(1000) %}x{% endfor %}", Map.of());
        assertThat(out.length()).isLessThanOrEqualTo(TemplateLimits.DEFAULTS.rangeLimit());
    }

    @Test
    void syntaxErrorIsReported() {
        assertThatThrownBy(() -> jinja.render("{% for x in %}", Map.of()))
                .isInstanceOf(TemplateRenderException.class);
    }
}
