package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.trigger.Posture;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code GET /automations/{id}/state}: every live bucket, composite state and armed timer.
 * A bucket's {@code state} is {@code Triggered} from its firing until it resolves, else {@code Resolved}.
 * A metric automation has {@code metric} instead.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AutomationStateView(UUID automationId, boolean enabled, List<BucketView> buckets,
                                  List<CompositeView> composites, List<TimerView> timers, boolean truncated,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) MetricView metric) {

    public AutomationStateView(UUID automationId, boolean enabled, List<BucketView> buckets,
                               List<CompositeView> composites, List<TimerView> timers, boolean truncated) {
        this(automationId, enabled, buckets, composites, timers, truncated, null);
    }

    /** This view with a metric trigger's state. */
    public AutomationStateView withMetric(MetricView view) {
        return new AutomationStateView(automationId, enabled, buckets, composites, timers, truncated, view);
    }

    /**
     * A metric trigger's state: its query, the runs it knows, its value now, since when its condition has held
     * (null: it does not), its {@code state} ({@code Triggered} from its firing until it resolves, else
     * {@code Resolved}) and when it fired, and its last evaluation with the value then.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MetricView(UUID triggerId, String name, String operator, Double threshold, double rangeSeconds,
                             double firingForSeconds, int runs, Double value, Instant holdingSince, String state,
                             Instant triggered, Instant lastEvaluated, Double lastValue) {
    }

    /** {@code bucket} is null for a bucket stored before its labels were kept with it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BucketView(UUID triggerId, Posture posture, Map<String, String> bucket, int count,
                             Integer threshold, Instant windowStart, Instant windowEnd, Boolean afterSeen,
                             String state, Instant triggered) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CompositeView(UUID triggerId, List<ChildFiringView> childFirings, UUID firedBy) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ChildFiringView(UUID triggerId, OffsetDateTime triggered) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TimerView(UUID triggerId, Map<String, String> bucket, Instant due) {
    }
}
