package dev.vigil.console.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The filter bar's labels become ingest's {@code resource.labels}; what is not a pair is reported. */
class LabelFilterTest {

    @Test
    void pairsBecomeAResourceSpecification() {
        LabelFilter filter = LabelFilter.parse("prefect.resource.name=nightly, env=prod*\nenv=staging");
        assertThat(filter.problems()).isEmpty();
        assertThat(filter.toJson().toString())
                .isEqualTo("{\"prefect.resource.name\":\"nightly\",\"env\":[\"prod*\",\"staging\"]}");
        assertThat(filter.text()).isEqualTo("prefect.resource.name=nightly, env=prod*, env=staging");
    }

    @Test
    void aValueMayHoldAnEqualsSign() {
        assertThat(LabelFilter.parse("query=a=b").toJson().toString()).isEqualTo("{\"query\":\"a=b\"}");
    }

    @Test
    void whatIsNotAPairIsReported() {
        LabelFilter filter = LabelFilter.parse("nightly, =x, team=");
        assertThat(filter.isEmpty()).isTrue();
        assertThat(filter.problems()).containsExactly("'nightly' is not a label=value pair",
                "'=x' is not a label=value pair", "'team=' is not a label=value pair");
    }

    @Test
    void emptyIsNoFilter() {
        assertThat(LabelFilter.parse("  ").isEmpty()).isTrue();
        assertThat(LabelFilter.parse(null).problems()).isEmpty();
    }
}
