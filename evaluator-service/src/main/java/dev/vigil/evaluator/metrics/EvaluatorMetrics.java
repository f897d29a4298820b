package dev.vigil.evaluator.metrics;

import dev.vigil.model.firing.FiringState;
import dev.vigil.support.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluator's counters: events evaluated, firings handed to the actuator by state, firings withheld by
 * reason, storm-brake pauses, and firings the outbox sweep republished. Every counter is built once, so counting
 * is an addition.
 */
@ApplicationScoped
public class EvaluatorMetrics {

    /** Why a firing's effects were withheld; the {@value MetricNames#REASON} tag is the lower-case name. */
    public enum Withheld {
        /** Its causal chain was deeper than {@code vigil.evaluator.max-causal-depth}. */
        LOOP,
        /** Its automation fired over {@code vigil.evaluator.max-firings-per-minute}. */
        STORM
    }

    private final Counter evaluated;
    private final Map<FiringState, Counter> firings = new EnumMap<>(FiringState.class);
    private final Map<Withheld, Counter> withheld = new EnumMap<>(Withheld.class);
    private final Counter brakeEngaged;
    private final Counter republished;

    public EvaluatorMetrics(MeterRegistry registry) {
        this.evaluated = Counter.builder(MetricNames.EVENTS_EVALUATED)
                .description("Events evaluated live (a redelivered event again)").register(registry);
        for (FiringState state : FiringState.values()) {
            firings.put(state, Counter.builder(MetricNames.FIRINGS)
                    .description("Firings whose actions were handed to the actuator, by state")
                    .tag(MetricNames.STATE, state.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        for (Withheld reason : Withheld.values()) {
            withheld.put(reason, Counter.builder(MetricNames.FIRINGS_WITHHELD)
                    .description("Firings committed but not acted on, by reason")
                    .tag(MetricNames.REASON, reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        this.brakeEngaged = Counter.builder(MetricNames.STORM_BRAKE_ENGAGED)
                .description("Automations the storm brake paused").register(registry);
        this.republished = Counter.builder(MetricNames.OUTBOX_REPUBLISHED)
                .description("Firings the outbox sweep published again (their first publication did not complete)")
                .register(registry);
    }

    public void evaluated(int events) {
        evaluated.increment(events);
    }

    public void fired(FiringState state) {
        firings.get(state).increment();
    }

    public void withheld(Withheld reason, int count) {
        if (count > 0) {
            withheld.get(reason).increment(count);
        }
    }

    public void brakeEngaged() {
        brakeEngaged.increment();
    }

    public void republished(int firings) {
        republished.increment(firings);
    }
}
