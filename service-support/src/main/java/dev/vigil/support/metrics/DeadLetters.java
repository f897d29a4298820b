package dev.vigil.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds the {@value MetricNames#DEAD_LETTERS} counter of a consuming channel, once, for its consumer to keep. */
@ApplicationScoped
public class DeadLetters {

    private final MeterRegistry registry;

    public DeadLetters(MeterRegistry registry) {
        this.registry = registry;
    }

    public Counter counter(String channel) {
        return Counter.builder(MetricNames.DEAD_LETTERS)
                .description("Records sent to the channel's dead-letter topic")
                .tag(MetricNames.CHANNEL, channel).register(registry);
    }
}
