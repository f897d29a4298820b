package dev.vigil.ingest.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.event.ReceivedEvent;
import java.util.List;

/** Prefect's {@code EventPage}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EventPage(List<ReceivedEvent> events, long total, String nextPage) {
}
