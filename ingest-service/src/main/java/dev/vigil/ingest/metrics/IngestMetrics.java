package dev.vigil.ingest.metrics;

import dev.vigil.support.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Ingest's counters: events accepted (the broker acknowledged them) and refused, by reason. Every counter is
 * built once, so counting an event is an addition.
 */
@ApplicationScoped
public class IngestMetrics {

    /** Why events were not accepted; the {@value MetricNames#REASON} tag is the lower-case name. */
    public enum Refusal {
        /** The event failed validation (422, or rejected in a partial batch, or on the socket). */
        INVALID,
        /** The workspace's event rate limit (429). */
        RATE_LIMITED,
        /** The broker did not acknowledge them (503). */
        BROKER_UNAVAILABLE
    }

    private final Counter accepted;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    public IngestMetrics(MeterRegistry registry) {
        this.accepted = Counter.builder(MetricNames.EVENTS_ACCEPTED)
                .description("Events the broker acknowledged").register(registry);
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, Counter.builder(MetricNames.EVENTS_REFUSED)
                    .description("Events not accepted, by reason")
                    .tag(MetricNames.REASON, reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    public void accepted(int events) {
        if (events > 0) {
            accepted.increment(events);
        }
    }

    public void refused(Refusal reason, int events) {
        if (events > 0) {
            refused.get(reason).increment(events);
        }
    }
}
