package dev.vigil.ingest.trace;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Tracing on, as {@code VIGIL_OTLP_ENDPOINT} turns it on, every new trace sampled; spans go to
 * {@link CapturedSpans} within a moment, and the OTLP exporter to a port where nothing listens (its failures
 * are only logged).
 */
public class TracingOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.traces.sampler.arg", "1.0",
                "quarkus.otel.bsp.schedule.delay", "100ms",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:1");
    }
}
