package dev.vigil.evaluator.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * {@code open-window} (an {@code after} event starts watching) and {@code nothing}. For an automation whose
 * trigger is a compound or sequence, {@code composite} is that trigger's tree: its own view and, in
 * {@code children}, each child's verdict (an event trigger's, or recursively a nested composite's);
 * it is absent for an event trigger.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Explanation(UUID eventId, String event, boolean alreadySeen, String outcome,
                          List<TriggerVerdict> triggers,
                          @JsonInclude(JsonInclude.Include.NON_NULL) CompositeVerdict composite) {

    public Explanation(UUID eventId, String event, boolean alreadySeen, String outcome,
                       List<TriggerVerdict> triggers) {
        this(eventId, event, alreadySeen, outcome, triggers, null);
    }

    /** A child of a composite: an event trigger's verdict or a nested composite's. */
    public sealed interface ChildVerdict permits TriggerVerdict, CompositeVerdict {
        UUID triggerId();

        String outcome();
    }

    /** One event trigger's verdict; {@code composites} are its enclosing composite triggers, nearest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TriggerVerdict(UUID triggerId, List<UUID> composites, Posture posture, NameVerdict expect,
                                 NameVerdict after, List<LabelVerdict> match, List<RelatedVerdict> matchRelated,
                                 Map<String, String> bucket, int threshold, BucketView bucketBefore,
                                 BucketView bucketAfter, String outcome, String reason) implements ChildVerdict {
    }

    /**
     * A compound or sequence trigger: {@code type} ({@code compound} or {@code sequence}), {@code require}
     * as written and the number of children it means (compound), the declared child order (sequence),
     * {@code within} in seconds (null: no limit), the child firings it holds before and after the event,
     * the child firing that completed its last unresolved firing, and its outcome: {@code fire},
     * {@code resolve}, {@code hold} (a child firing is kept, the composite is not complete) or
     * {@code nothing}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompositeVerdict(UUID triggerId, String type, Object require, Integer required, List<UUID> order,
                                   Double within, List<HeldChild> heldBefore, List<HeldChild> heldAfter,
                                   HeldChild firedBy, String outcome, String reason, List<ChildVerdict> children)
            implements ChildVerdict {
    }

    /** A child firing a composite keeps: which child, and when it fired. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record HeldChild(UUID triggerId, Instant triggered) {
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
