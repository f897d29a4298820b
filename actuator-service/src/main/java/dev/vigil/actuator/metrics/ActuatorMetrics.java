package dev.vigil.actuator.metrics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.vigil.actuator.delivery.ExecutionStatus;
import dev.vigil.model.action.Action;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.support.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The actuator's metrics: actions over, by type and outcome, and the delivery latency, from the firing to the
 * action's outcome (its retries included). A counter per action type and outcome is built at startup, for every
 * type the wire model knows, so counting an action is a lookup and an addition.
 */
@ApplicationScoped
public class ActuatorMetrics {

    private static final Duration MIN_LATENCY = Duration.ofMillis(5);
    private static final Duration MAX_LATENCY = Duration.ofMinutes(10);

    private final Map<String, Counter> succeeded = new HashMap<>();
    private final Map<String, Counter> failed = new HashMap<>();
    private final Timer latency;

    public ActuatorMetrics(MeterRegistry registry) {
        for (JsonSubTypes.Type type : Action.class.getAnnotation(JsonSubTypes.class).value()) {
            succeeded.put(type.name(), counter(registry, type.name(), ExecutionStatus.SUCCEEDED));
            failed.put(type.name(), counter(registry, type.name(), ExecutionStatus.FAILED));
        }
        this.latency = Timer.builder(MetricNames.DELIVERY_LATENCY)
                .description("From the firing to the action's outcome, retries included")
                .publishPercentileHistogram().minimumExpectedValue(MIN_LATENCY).maximumExpectedValue(MAX_LATENCY)
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String type, ExecutionStatus outcome) {
        return Counter.builder(MetricNames.ACTIONS).description("Actions over, by type and outcome")
                .tag(MetricNames.TYPE, type).tag(MetricNames.OUTCOME, outcome.wire()).register(registry);
    }

    /** The action of {@code message} is over with {@code outcome} (succeeded or failed). */
    public void over(ActionMessage message, ExecutionStatus outcome) {
        Counter counter = (outcome == ExecutionStatus.SUCCEEDED ? succeeded : failed).get(message.action().type());
        if (counter != null) {
            counter.increment();
        }
        OffsetDateTime fired = message.firing() == null ? null : message.firing().triggered();
        if (fired != null) {
            Duration since = Duration.between(fired, OffsetDateTime.now(ZoneOffset.UTC));
            if (!since.isNegative()) {
                latency.record(since);
            }
        }
    }
}
