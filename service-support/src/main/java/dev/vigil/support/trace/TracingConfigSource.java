package dev.vigil.support.trace;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns tracing on only when {@code VIGIL_OTLP_ENDPOINT} names an OTLP collector: then the OpenTelemetry SDK runs
 * and exports there; otherwise the SDK is disabled, so tracing costs nothing (see {@link Traces} for what is still
 * carried). Above {@code application.properties}, below the environment, so {@code QUARKUS_OTEL_*} variables still
 * win.
 */
public class TracingConfigSource implements ConfigSource {

    public static final String ENDPOINT_VARIABLE = "VIGIL_OTLP_ENDPOINT";

    private static final int ORDINAL = 275;

    private final Map<String, String> properties;

    public TracingConfigSource() {
        this(System.getenv(ENDPOINT_VARIABLE));
    }

    TracingConfigSource(String endpoint) {
        Map<String, String> values = new HashMap<>();
        boolean on = endpoint != null && !endpoint.isBlank();
        values.put("quarkus.otel.sdk.disabled", Boolean.toString(!on));
        if (on) {
            values.put("quarkus.otel.exporter.otlp.traces.endpoint", endpoint.strip());
        }
        this.properties = Map.copyOf(values);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "vigil-tracing";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
