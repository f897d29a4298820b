package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.event.ReceivedEvent;
import java.time.Instant;

/**
 * The count of one trigger's matching events in the window {@code [start, end)} for one bucket.
 * {@code count} may be -1 transiently (an event that both opens an {@code after} window and is expected).
 * {@code triggered} is when the bucket last fired, while it waits to be resolved; null otherwise.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Bucket(Instant start, Instant end, int count, ReceivedEvent lastEvent, Instant triggered) {

    public Bucket(Instant start, Instant end, int count, ReceivedEvent lastEvent) {
        this(start, end, count, lastEvent, null);
    }

    public Bucket withLastEvent(ReceivedEvent event) {
        return new Bucket(start, end, count, event, triggered);
    }

    public Bucket counting(ReceivedEvent event) {
        return new Bucket(start, end, count + 1, event, triggered);
    }

    /** The same window, no longer waiting to be resolved. */
    public Bucket resolved() {
        return new Bucket(start, end, count, lastEvent, null);
    }
}
