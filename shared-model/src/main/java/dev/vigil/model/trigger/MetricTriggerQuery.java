package dev.vigil.model.trigger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.vigil.model.json.SecondsDurationDeserializer;
import dev.vigil.model.json.SecondsDurationSerializer;
import java.time.Duration;
import java.util.Set;

/** The metric a {@link MetricTrigger} watches: {@code name} compared with {@code threshold} over {@code range}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"name", "threshold", "operator", "range", "firing_for"})
public record MetricTriggerQuery(
        String name,
        Double threshold,
        String operator,
        @JsonSerialize(using = SecondsDurationSerializer.class)
        @JsonDeserialize(using = SecondsDurationDeserializer.class)
        Duration range,
        @JsonSerialize(using = SecondsDurationSerializer.class)
        @JsonDeserialize(using = SecondsDurationDeserializer.class)
        Duration firingFor) {

    public static final Duration DEFAULT_RANGE = Duration.ofSeconds(300);
    /** Prefect Cloud's metrics: share of runs that completed, average run time, average start delay. */
    public static final Set<String> NAMES = Set.of("successes", "duration", "lateness");
    public static final Set<String> OPERATORS = Set.of("<", "<=", ">", ">=");

    public MetricTriggerQuery {
        range = range == null ? DEFAULT_RANGE : range;
        firingFor = firingFor == null ? DEFAULT_RANGE : firingFor;
    }

    /** Whether {@code value} meets the condition: {@code value operator threshold}. Needs a valid query. */
    public boolean holds(double value) {
        return switch (operator) {
            case "<" -> value < threshold;
            case "<=" -> value <= threshold;
            case ">" -> value > threshold;
            case ">=" -> value >= threshold;
            default -> throw new IllegalStateException("unknown metric operator " + operator);
        };
    }
}
