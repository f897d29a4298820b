package dev.vigil.model.trigger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.event.ResourceSpecification;
import java.util.UUID;

/** Fires when a metric of the matching resources crosses a threshold for {@code firing_for} (Prefect Cloud). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "id", "match", "match_related", "posture", "metric"})
public record MetricTrigger(
        UUID id,
        ResourceSpecification match,
        MatchRelated matchRelated,
        Posture posture,
        MetricTriggerQuery metric) implements Trigger {

    public MetricTrigger {
        id = id == null ? UUID.randomUUID() : id;
        match = match == null ? ResourceSpecification.EMPTY : match;
        matchRelated = matchRelated == null ? MatchRelated.NONE : matchRelated;
        posture = posture == null ? Posture.Metric : posture;
    }

    @Override
    public MetricTrigger withFreshIds() {
        return new MetricTrigger(UUID.randomUUID(), match, matchRelated, posture, metric);
    }

    @Override
    public MetricTrigger withoutIds() {
        return new MetricTrigger(NIL_ID, match, matchRelated, posture, metric);
    }
}
