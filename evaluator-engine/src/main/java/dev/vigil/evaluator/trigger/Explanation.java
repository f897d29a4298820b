package dev.vigil.evaluator.trigger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.trigger.Posture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Why an event would or would not make an automation fire: a verdict per event trigger, and what
 * the automation as a whole would do. Outcomes: {@code fire}, {@code resolve}, {@code count},
 * {@code open-window} (an {@code after} event starts watching) and {@code nothing}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Explanation(UUID eventId, String event, boolean alreadySeen, String outcome,
                          List<TriggerVerdict> triggers) {

    /** One event trigger's verdict; {@code composites} are its enclosing composite triggers, nearest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TriggerVerdict(UUID triggerId, List<UUID> composites, Posture posture, NameVerdict expect,
                                 NameVerdict after, List<LabelVerdict> match, List<RelatedVerdict> matchRelated,
                                 Map<String, String> bucket, int threshold, BucketView bucketBefore,
                                 BucketView bucketAfter, String outcome, String reason) {
    }

    /** {@code expect} or {@code after}: the first pattern that matched the event name, if any. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NameVerdict(List<String> patterns, String matched, boolean pass) {
    }

    /** One label of {@code match} (one value seen) or of a {@code match_related} specification (every related value). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LabelVerdict(String label, Object patterns, List<String> valuesSeen, boolean pass) {
    }

    /** One {@code match_related} specification: passes when a single related resource satisfies all its labels. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RelatedVerdict(Map<String, Object> specification, boolean pass, List<LabelVerdict> labels) {
    }

    /** A bucket's window, count and, while it waits to be resolved, when it fired. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BucketView(Instant windowStart, Instant windowEnd, int count, Instant triggered) {
    }
}
