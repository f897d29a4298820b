package dev.vigil.support.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Names the Vert.x clients' metrics (the reactive SQL client's among them), which reach Micrometer without a prefix
 * ({@code .processing}, {@code .current}) and so came out of {@code /q/metrics} as {@code m__processing_seconds}:
 * they become {@code vertx_<clientType>_processing_seconds}, and so on.
 */
public class ClientMetricNames {

    private static final String CLIENT_TYPE = "clientType";
    private static final String FALLBACK_TYPE = "client";

    @Produces
    @Singleton
    public MeterFilter prefixUnnamedClientMetrics() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName();
                if (name.isEmpty() || Character.isLetter(name.charAt(0))) {
                    return id;
                }
                String type = id.getTag(CLIENT_TYPE);
                String prefix = "vertx." + (type == null ? FALLBACK_TYPE : type.toLowerCase(Locale.ROOT));
                return id.withName(prefix + "." + name.replaceFirst("^[._]+", ""));
            }
        };
    }
}
