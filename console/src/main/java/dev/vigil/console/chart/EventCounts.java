package dev.vigil.console.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.session.Session;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Event counts over a time range from ingest's {@code count-by/time}, in about {@value #BUCKETS} buckets. */
@ApplicationScoped
public class EventCounts {

    static final int BUCKETS = 60;

    private final ApiClient api;

    public EventCounts(ApiClient api) {
        this.api = api;
    }

    /** Counts of the events {@code filter} selects (its {@code occurred} is set here) in {@code [from, to]}. */
    public Uni<List<CountBucket>> count(Session session, ObjectNode filter, Instant from, Instant to) {
        long seconds = Math.max(1, Duration.between(from, to).toSeconds());
        long interval = Math.max(1, (seconds + BUCKETS - 1) / BUCKETS);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode withWindow = filter.deepCopy();
        withWindow.putObject("occurred").put("since", from.toString()).put("until", to.toString());
        body.set("filter", withWindow);
        body.put("time_unit", "second");
        body.put("time_interval", interval);
        return api.post(session, VigilService.INGEST, "/events/count-by/time", body)
                .map(answer -> buckets(answer.orFail("counting events").body()));
    }

    private static List<CountBucket> buckets(JsonNode rows) {
        List<CountBucket> buckets = new ArrayList<>();
        for (JsonNode row : rows) {
            buckets.add(new CountBucket(OffsetDateTime.parse(row.path("start_time").asText()).toInstant(),
                    OffsetDateTime.parse(row.path("end_time").asText()).toInstant(), row.path("count").asLong()));
        }
        return buckets;
    }
}
