package dev.vigil.evaluator.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateBodyTest {

    @Test
    void aJsonStringBodyAsPrefectsClientSendsItIsDecoded() {
        assertThat(TemplateBody.decode("\"{{ x }}\"")).isEqualTo("{{ x }}");
        assertThat(TemplateBody.decode("\"line one\\n{% if %}\"")).isEqualTo("line one\n{% if %}");
        assertThat(TemplateBody.decode(" \"caf\\u00e9 {{ \\\"q\\\" }}\"\n")).isEqualTo("café {{ \"q\" }}");
    }

    @Test
    void anyOtherBodyIsTheTemplateItself() {
        assertThat(TemplateBody.decode("Hello {{ event.resource.id }}")).isEqualTo("Hello {{ event.resource.id }}");
        assertThat(TemplateBody.decode("\"quoted\" and {{ x }} \"more\"")).isEqualTo("\"quoted\" and {{ x }} \"more\"");
        assertThat(TemplateBody.decode("{\"a\": 1}")).isEqualTo("{\"a\": 1}");
        assertThat(TemplateBody.decode(null)).isEmpty();
    }
}
