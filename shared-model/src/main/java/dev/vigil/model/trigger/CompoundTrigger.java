package dev.vigil.model.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.vigil.model.json.SecondsDurationDeserializer;
import dev.vigil.model.json.SecondsDurationSerializer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Fires when {@code require} of its child triggers ({@code "any"}, {@code "all"} or a count) have fired within {@code within}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "id", "triggers", "within", "require"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CompoundTrigger(
        UUID id,
        List<Trigger> triggers,
        @JsonSerialize(using = SecondsDurationSerializer.class)
        @JsonDeserialize(using = SecondsDurationDeserializer.class)
        Duration within,
        Object require) implements CompositeTrigger {

    public CompoundTrigger {
        id = id == null ? UUID.randomUUID() : id;
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }

    /** How many child firings are needed: any = 1, all = every child, or the given count. */
    public int requiredCount() {
        if ("any".equals(require)) {
            return 1;
        }
        if ("all".equals(require)) {
            return triggers.size();
        }
        return ((Number) require).intValue();
    }

    @Override
    public CompoundTrigger withFreshIds() {
        return new CompoundTrigger(UUID.randomUUID(), triggers.stream().map(Trigger::withFreshIds).toList(), within,
                require);
    }

    @Override
    public CompoundTrigger withoutIds() {
        return new CompoundTrigger(NIL_ID, triggers.stream().map(Trigger::withoutIds).toList(), within, require);
    }
}
