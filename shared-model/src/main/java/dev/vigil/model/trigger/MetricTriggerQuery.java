package dev.vigil.model.trigger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.vigil.model.json.SecondsDurationDeserializer;
import dev.vigil.model.json.SecondsDurationSerializer;
import java.time.Duration;

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

    public MetricTriggerQuery {
        range = range == null ? DEFAULT_RANGE : range;
        firingFor = firingFor == null ? DEFAULT_RANGE : firingFor;
    }
}
