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

/** Fires when its child triggers have fired in their declared order, within {@code within}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "id", "triggers", "within"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SequenceTrigger(
        UUID id,
        List<Trigger> triggers,
        @JsonSerialize(using = SecondsDurationSerializer.class)
        @JsonDeserialize(using = SecondsDurationDeserializer.class)
        Duration within) implements CompositeTrigger {

    public SequenceTrigger {
        id = id == null ? UUID.randomUUID() : id;
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }

    @Override
    public SequenceTrigger withFreshIds() {
        return new SequenceTrigger(UUID.randomUUID(), triggers.stream().map(Trigger::withFreshIds).toList(), within);
    }

    @Override
    public SequenceTrigger withoutIds() {
        return new SequenceTrigger(NIL_ID, triggers.stream().map(Trigger::withoutIds).toList(), within);
    }
}
