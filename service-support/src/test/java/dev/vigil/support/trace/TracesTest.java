package dev.vigil.support.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The trace context carried with tracing off: a valid incoming traceparent passes through, nothing else. */
class TracesTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void withTracingOffAValidTraceparentIsCarriedOnUnchanged() {
        Traces off = new Traces(OpenTelemetry.noop(), true);
        assertThat(off.fromRequest(VALID)).isEqualTo(VALID);
        Span span = off.start("vigil.action", SpanKind.CONSUMER, VALID);
        assertThat(span.isRecording()).isFalse();
        assertThat(Traces.carry(span, VALID)).isEqualTo(VALID);
    }

    @Test
    void anInvalidTraceparentIsDropped() {
        Traces off = new Traces(OpenTelemetry.noop(), true);
        assertThat(off.fromRequest(null)).isNull();
        assertThat(off.fromRequest("garbage")).isNull();
        assertThat(off.fromRequest(VALID.toUpperCase())).isNull();
        assertThat(off.fromRequest("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
        assertThat(off.fromRequest("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isNull();
    }

    @Test
    void aRecordCarriesItInAHeader() {
        RecordHeaders headers = new RecordHeaders();
        Traces.addTo(headers, null);
        assertThat(Traces.of(headers)).isNull();
        Traces.addTo(headers, VALID);
        assertThat(Traces.of(headers)).isEqualTo(VALID);
    }

    @Test
    void tracingIsOnOnlyWithAnEndpoint() {
        assertThat(new TracingConfigSource(null).getValue("quarkus.otel.sdk.disabled")).isEqualTo("true");
        assertThat(new TracingConfigSource(" ").getValue("quarkus.otel.sdk.disabled")).isEqualTo("true");
        TracingConfigSource on = new TracingConfigSource("http://collector:4318");
        assertThat(on.getValue("quarkus.otel.sdk.disabled")).isEqualTo("false");
        assertThat(on.getValue("quarkus.otel.exporter.otlp.traces.endpoint")).isEqualTo("http://collector:4318");
    }
}
