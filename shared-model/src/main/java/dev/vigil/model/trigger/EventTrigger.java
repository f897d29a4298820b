package dev.vigil.model.trigger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.vigil.model.event.ResourceSpecification;
import dev.vigil.model.json.RequiredIntegerDeserializer;
import dev.vigil.model.json.SecondsDurationDeserializer;
import dev.vigil.model.json.SecondsDurationSerializer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Fires when {@code threshold} matching events do (Reactive) or do not (Proactive) happen within {@code within}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "id", "match", "match_related", "after", "expect", "for_each", "posture", "threshold",
        "within"})
public record EventTrigger(
        UUID id,
        ResourceSpecification match,
        MatchRelated matchRelated,
        List<String> after,
        List<String> expect,
        List<String> forEach,
        Posture posture,
        @JsonDeserialize(using = RequiredIntegerDeserializer.class) Integer threshold,
        @JsonSerialize(using = SecondsDurationSerializer.class)
        @JsonDeserialize(using = SecondsDurationDeserializer.Required.class)
        Duration within) implements Trigger {

    public static final int DEFAULT_THRESHOLD = 1;

    public EventTrigger {
        id = id == null ? UUID.randomUUID() : id;
        match = match == null ? ResourceSpecification.EMPTY : match;
        matchRelated = matchRelated == null ? MatchRelated.NONE : matchRelated;
        after = distinct(after);
        expect = distinct(expect);
        forEach = distinct(forEach);
        threshold = threshold == null ? DEFAULT_THRESHOLD : threshold;
        within = within == null ? Duration.ZERO : within;
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : values.stream().distinct().toList();
    }

    @Override
    public EventTrigger withFreshIds() {
        return new EventTrigger(UUID.randomUUID(), match, matchRelated, after, expect, forEach, posture, threshold,
                within);
    }

    public EventTrigger withWithin(Duration newWithin) {
        return new EventTrigger(id, match, matchRelated, after, expect, forEach, posture, threshold, newWithin);
    }

    @Override
    public EventTrigger withoutIds() {
        return new EventTrigger(NIL_ID, match, matchRelated, after, expect, forEach, posture, threshold, within);
    }
}
