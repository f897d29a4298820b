package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.event.ReceivedEvent;
import java.time.Instant;

/**
 * The count of one trigger's matching events in the window {@code [start, end)} for one bucket.
 * {@code count} may be -1 transiently (an event that both opens an {@code after} window and is expected).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Bucket(Instant start, Instant end, int count, ReceivedEvent lastEvent) {

    public Bucket withLastEvent(ReceivedEvent event) {
        return new Bucket(start, end, count, event);
    }

    public Bucket counting(ReceivedEvent event) {
        return new Bucket(start, end, count + 1, event);
    }
}
