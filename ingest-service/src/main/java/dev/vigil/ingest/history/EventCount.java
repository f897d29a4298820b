package dev.vigil.ingest.history;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/** Prefect's {@code EventCount}: one group of a count-by query. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventCount(String value, String label, long count, OffsetDateTime startTime, OffsetDateTime endTime) {
}
