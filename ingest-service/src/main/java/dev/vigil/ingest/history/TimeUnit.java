package dev.vigil.ingest.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Prefect's {@code time_unit} for time counts. Buckets start at {@code since} truncated to the unit (weeks on Monday). */
public enum TimeUnit {
    @JsonProperty("week") WEEK(Duration.ofDays(7)),
    @JsonProperty("day") DAY(Duration.ofDays(1)),
    @JsonProperty("hour") HOUR(Duration.ofHours(1)),
    @JsonProperty("minute") MINUTE(Duration.ofMinutes(1)),
    @JsonProperty("second") SECOND(Duration.ofSeconds(1));

    private final Duration length;

    TimeUnit(Duration length) {
        this.length = length;
    }

    /** The width of one bucket: {@code interval} units. */
    Duration width(double interval) {
        return Duration.ofNanos(Math.round(length.toNanos() * interval));
    }

    OffsetDateTime truncate(OffsetDateTime time) {
        OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
        return switch (this) {
            case WEEK -> utc.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case DAY -> utc.truncatedTo(ChronoUnit.DAYS);
            case HOUR -> utc.truncatedTo(ChronoUnit.HOURS);
            case MINUTE -> utc.truncatedTo(ChronoUnit.MINUTES);
            case SECOND -> utc.truncatedTo(ChronoUnit.SECONDS);
        };
    }
}
