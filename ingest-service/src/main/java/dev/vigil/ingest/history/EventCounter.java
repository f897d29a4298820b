package dev.vigil.ingest.history;

import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code count-by/{countable}}. {@code day} and {@code time} groups come in time order; {@code time}
 * includes empty buckets, each spanning [start, start + width). {@code event} and {@code resource}
 * groups come by count, largest first, with their first and last occurrence as the span.
 */
@ApplicationScoped
public class EventCounter {

    public enum Countable { day, time, event, resource }

    private static final double NANOS_PER_SECOND = 1e9;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final EventHistory history;
    private final IngestConfig.History config;

    public EventCounter(EventHistory history, IngestConfig config) {
        this.history = history;
        this.config = config.history();
    }

    public Uni<List<EventCount>> count(UUID workspace, EventFilter filter, Countable countable, TimeUnit unit,
            double interval) {
        return switch (countable) {
            case day -> byDay(workspace, filter);
            case time -> byTime(workspace, filter, unit, interval);
            case event -> byLabel(workspace, filter, "e.event", "min(e.event)");
            case resource -> byLabel(workspace, filter, "e.resource_id",
                    "max(coalesce(e.resource ->> 'prefect.resource.name', e.resource_id))");
        };
    }

    private Uni<List<EventCount>> byDay(UUID workspace, EventFilter filter) {
        String day = "to_char(e.occurred AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
        return history.grouped(workspace, filter, day, "min(" + day + ")", "1 ASC", new SqlParams())
                .map(rows -> rows.stream().map(row -> {
                    OffsetDateTime start = java.time.LocalDate.parse(row.getString("value"), DAY).atStartOfDay()
                            .atOffset(ZoneOffset.UTC);
                    return new EventCount(row.getString("value"), row.getString("label"), row.getLong("count"),
                            start, start.plusDays(1));
                }).toList());
    }

    private Uni<List<EventCount>> byLabel(UUID workspace, EventFilter filter, String value, String label) {
        return history.grouped(workspace, filter, value, label, "3 DESC, 1 ASC", new SqlParams())
                .map(rows -> rows.stream().map(row -> new EventCount(row.getString("value"), row.getString("label"),
                        row.getLong("count"), utc(row.getOffsetDateTime("start_time")),
                        utc(row.getOffsetDateTime("end_time")))).toList());
    }

    private Uni<List<EventCount>> byTime(UUID workspace, EventFilter filter, TimeUnit unit, double interval) {
        OffsetDateTime first = unit.truncate(filter.occurred().since());
        OffsetDateTime until = filter.occurred().until();
        Duration width = unit.width(interval);
        long buckets = Math.max(1, (Duration.between(first, until).toNanos() + width.toNanos() - 1)
                / width.toNanos());
        if (buckets > config.maxTimeBuckets()) {
            throw new ValidationProblemException(FieldProblem.body("The time interval would make " + buckets
                    + " buckets; at most " + config.maxTimeBuckets() + " are allowed", "value_error",
                    "time_interval"));
        }
        SqlParams params = new SqlParams();
        String index = "floor(extract(epoch FROM (e.occurred - " + params.add(first) + "::timestamptz)) / "
                + params.add(width.toNanos() / NANOS_PER_SECOND) + "::float8)::bigint";
        return history.timeBuckets(workspace, filter, index, params).map(rows -> {
            Map<Long, Long> counts = new HashMap<>();
            for (Row row : rows) {
                counts.put(row.getLong("value"), row.getLong("count"));
            }
            List<EventCount> result = new ArrayList<>((int) buckets);
            for (long i = 0; i < buckets; i++) {
                OffsetDateTime start = first.plus(width.multipliedBy(i));
                String iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start);
                result.add(new EventCount(iso, iso, counts.getOrDefault(i, 0L), start, start.plus(width)));
            }
            return result;
        });
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
