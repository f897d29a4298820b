package dev.vigil.ingest.history;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.stored;
import static dev.vigil.ingest.support.TestEvents.workspacePath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Label filters on the primary resource, those of literal labels alone answered from {@code ingest.event_labels} (V6),
 * the others from the events: the page, its total and the counts by time, each against the in-memory matcher over
 * the same stored events; and the label rows kept in step with the events by the persister and the vacuum.
 */
@QuarkusTest
class EventLabelsTest {

    private static final Duration QUERY_WAIT = Duration.ofSeconds(5);
    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final OffsetDateTime T0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)
            .truncatedTo(ChronoUnit.MINUTES);
    private static final String LONG_VALUE = "x".repeat(300);
    private static final String LONG_LABEL = "k".repeat(300);
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();
    private static final UUID D = UUID.randomUUID();
    private static final UUID LONG = UUID.randomUUID();
    private static final UUID LONG_KEY = UUID.randomUUID();
    private static final UUID DUPLICATE = UUID.randomUUID();
    private static final UUID UNLABELLED = UUID.randomUUID();
    private static final UUID MARKER = UUID.randomUUID();
    private static boolean posted;

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @Inject
    EventVacuum vacuum;

    private static String event(UUID id, int minute, String name, String resourceId, String labels) {
        return """
                {"id": "%s", "occurred": "%s", "event": "%s",
                 "resource": {"prefect.resource.id": "%s"%s}}""".formatted(id, T0.plusMinutes(minute), name,
                resourceId, labels.isEmpty() ? "" : ", " + labels);
    }

    /** The duplicate is posted three times; the marker after it, on its resource's partition, says all were stored. */
    @BeforeEach
    void postEventsOnce() {
        if (posted) {
            return;
        }
        String duplicate = event(DUPLICATE, 6, "app.job.started", "job.g", "\"team\": \"bench\", \"env\": \"prod\"");
        post("[" + String.join(", ",
                event(A, 0, "app.job.started", "job.a", "\"team\": \"bench\", \"env\": \"prod\""),
                event(B, 1, "app.job.finished", "job.b", "\"team\": \"bench\", \"env\": \"dev\""),
                event(C, 2, "sys.ping", "host.c", "\"team\": \"other\", \"env\": \"prod\""),
                event(D, 3, "app.job.started", "job.d", "\"team\": \"bench-ops\""),
                event(LONG, 4, "app.job.started", "job.e", "\"team\": \"" + LONG_VALUE + "\", \"env\": \"prod\""),
                event(LONG_KEY, 5, "app.job.started", "job.f", "\"" + LONG_LABEL + "\": \"v\", \"team\": \"bench\""),
                duplicate, duplicate,
                event(UNLABELLED, 7, "sys.ping", "host.h", "")) + "]");
        post("[" + duplicate + ", " + event(MARKER, 8, "marker", "job.g", "") + "]");
        await().atMost(STORE_WAIT).until(() -> stored(pool, WORKSPACE, MARKER) == 1);
        posted = true;
    }

    private static void post(String body) {
        given().contentType(ContentType.JSON).body(body).when().post(workspacePath(WORKSPACE, "/events"))
                .then().statusCode(204);
    }

    private static ValidatableResponse call(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(workspacePath(WORKSPACE, path))
                .then().statusCode(200);
    }

    private static String window() {
        return "\"occurred\": {\"since\": \"%s\", \"until\": \"%s\"}".formatted(T0.minusMinutes(1),
                T0.plusMinutes(10));
    }

    private static List<String> names(UUID... ids) {
        return java.util.Arrays.stream(ids).map(UUID::toString).toList();
    }

    /** Filters (without their window) and the events they select, newest first. */
    private static Map<String, List<String>> cases() {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("\"resource\": {\"labels\": {\"team\": \"bench\"}}", names(DUPLICATE, LONG_KEY, B, A));
        cases.put("\"resource\": {\"labels\": {\"team\": [\"bench\", \"other\"]}}",
                names(DUPLICATE, LONG_KEY, C, B, A));
        cases.put("\"resource\": {\"labels\": {\"team\": \"bench\", \"env\": \"prod\"}}", names(DUPLICATE, A));
        cases.put("\"resource\": {\"labels\": {\"env\": [\"prod\", \"dev\"], \"team\": [\"bench\", \"other\"]}}",
                names(DUPLICATE, C, B, A));
        cases.put("\"event\": {\"prefix\": [\"app.job.st\"]}, \"resource\": {\"labels\": {\"team\": \"bench\"}}",
                names(DUPLICATE, LONG_KEY, A));
        cases.put("\"resource\": {\"id_prefix\": [\"job.\"], \"labels\": {\"team\": \"other\"}}", names());
        cases.put("\"resource\": {\"labels\": {\"team\": [\"bench\", \"other\", \"!oth*\"]}}",
                names(DUPLICATE, LONG_KEY, B, A));
        cases.put("\"resource\": {\"labels\": {\"team\": \"bench\", \"env\": \"!dev\"}}", names(DUPLICATE, A));
        cases.put("\"resource\": {\"labels\": {\"team\": [\"bench\", \"!bench\"]}}", names());
        cases.put("\"resource\": {\"labels\": {\"team\": \"bench*\"}}", names(DUPLICATE, LONG_KEY, D, B, A));
        cases.put("\"resource\": {\"labels\": {\"team\": \"" + LONG_VALUE + "\"}}", names(LONG));
        cases.put("\"resource\": {\"labels\": {\"team\": [\"" + LONG_VALUE + "\", \"other\"], \"env\": \"prod\"}}",
                names(LONG, C));
        cases.put("\"resource\": {\"labels\": {\"" + LONG_LABEL + "\": \"v\"}}", names(LONG_KEY));
        cases.put("\"resource\": {\"labels\": {\"prefect.resource.id\": [\"job.a\", \"host.c\"]}}", names(C, A));
        cases.put("\"resource\": {\"labels\": {\"prefect.resource.id\": \"job.a\", \"team\": \"bench\"}}", names(A));
        cases.put("\"resource\": {\"labels\": {\"absent\": \"bench\"}}", names());
        cases.put("\"resource\": {\"labels\": {\"team\": \"\"}}", names());
        cases.put("\"any_resource\": {\"labels\": {\"team\": \"bench\"}}", names(DUPLICATE, LONG_KEY, B, A));
        return cases;
    }

    private List<ReceivedEvent> everyEvent() {
        List<Map<String, Object>> stored = call("/events/filter", "{\"filter\": {" + window() + "}}")
                .extract().path("events");
        return json.convertValue(stored,
                json.getTypeFactory().constructCollectionType(List.class, ReceivedEvent.class));
    }

    @Test
    void pagesAndTotalsAgreeWithTheInMemoryMatcher() throws Exception {
        List<ReceivedEvent> all = everyEvent();
        assertThat(all).hasSize(9);
        for (Map.Entry<String, List<String>> c : cases().entrySet()) {
            String filter = "{" + window() + ", " + c.getKey() + "}";
            JsonPath page = call("/events/filter", "{\"filter\": " + filter + "}").extract().jsonPath();
            assertThat(page.getList("events.id", String.class)).as(filter).containsExactlyElementsOf(c.getValue());
            assertThat(page.getInt("total")).as(filter).isEqualTo(c.getValue().size());
            EventFilterMatcher matcher = new EventFilterMatcher(json.readValue(filter, EventFilter.class));
            assertThat(all.stream().filter(matcher::matches).map(e -> e.id().toString()).toList()).as(filter)
                    .containsExactlyElementsOf(c.getValue());
        }
    }

    @Test
    void countsByTimeAgreeWithTheInMemoryMatcher() throws Exception {
        List<ReceivedEvent> all = everyEvent();
        for (String criteria : cases().keySet()) {
            String filter = "{" + window() + ", " + criteria + "}";
            JsonPath counts = call("/events/count-by/time", "{\"filter\": " + filter + ", \"time_unit\": \"minute\"}")
                    .extract().jsonPath();
            Map<OffsetDateTime, Integer> expected = new TreeMap<>();
            EventFilterMatcher matcher = new EventFilterMatcher(json.readValue(filter, EventFilter.class));
            all.stream().filter(matcher::matches).forEach(e -> expected.merge(minute(e.occurred()), 1, Integer::sum));
            Map<OffsetDateTime, Integer> actual = new TreeMap<>();
            List<String> starts = counts.getList("start_time", String.class);
            List<Integer> numbers = counts.getList("count", Integer.class);
            assertThat(starts).as(filter).hasSize(11);
            for (int i = 0; i < starts.size(); i++) {
                if (numbers.get(i) > 0) {
                    actual.put(minute(OffsetDateTime.parse(starts.get(i))), numbers.get(i));
                }
            }
            assertThat(actual).as(filter).isEqualTo(expected);
        }
    }

    /** The console's request (seconds as the unit, 60 s buckets), against the containment over the events before V6. */
    @Test
    void countsByTimeInSecondsEqualTheContainmentOverTheEvents() {
        OffsetDateTime since = T0.minusMinutes(1);
        for (String value : List.of("bench", "other", "bench-ops")) {
            String filter = "{" + window() + ", \"resource\": {\"labels\": {\"team\": \"" + value + "\"}}}";
            List<Integer> counts = call("/events/count-by/time", "{\"filter\": " + filter
                    + ", \"time_unit\": \"second\", \"time_interval\": 60}").extract().path("count");
            Map<Long, Integer> old = new TreeMap<>();
            pool.preparedQuery("""
                    SELECT floor(extract(epoch FROM (occurred - $2)) / 60)::bigint AS bucket, count(*) AS n
                    FROM ingest.events WHERE workspace_id = $1 AND occurred >= $2 AND occurred <= $3
                      AND resource @> jsonb_build_object('team', $4::text) GROUP BY 1""")
                    .execute(Tuple.of(WORKSPACE, since, T0.plusMinutes(10), value)).await().atMost(QUERY_WAIT)
                    .forEach(row -> old.put(row.getLong("bucket"), row.getLong("n").intValue()));
            Map<Long, Integer> now = new TreeMap<>();
            for (int i = 0; i < counts.size(); i++) {
                if (counts.get(i) > 0) {
                    now.put((long) i, counts.get(i));
                }
            }
            assertThat(now).as(value).isEqualTo(old).isNotEmpty();
        }
    }

    private static OffsetDateTime minute(OffsetDateTime time) {
        return time.truncatedTo(ChronoUnit.MINUTES).withOffsetSameInstant(ZoneOffset.UTC);
    }

    @Test
    void pagesOfTheLabelRowsFollowTheOrderBothWays() {
        String labels = "\"resource\": {\"labels\": {\"team\": [\"bench\", \"other\"]}}";
        JsonPath first = call("/events/filter", "{\"limit\": 2, \"filter\": {" + window() + ", " + labels
                + ", \"order\": \"ASC\"}}").extract().jsonPath();
        assertThat(first.getList("events.id", String.class)).containsExactlyElementsOf(names(A, B));
        assertThat(first.getInt("total")).isEqualTo(5);
        java.net.URI next = java.net.URI.create(first.getString("next_page"));
        given().when().get(next.getRawPath() + "?" + next.getRawQuery()).then().statusCode(200)
                .body("events.id", org.hamcrest.Matchers.equalTo(names(C, LONG_KEY)));
        assertThat(call("/events/filter", "{\"limit\": 1, \"filter\": {" + window() + ", " + labels + "}}")
                .extract().jsonPath().getList("events.id", String.class)).containsExactlyElementsOf(names(DUPLICATE));
    }

    private List<String> labelRows(UUID event) {
        List<String> rows = new ArrayList<>();
        pool.preparedQuery("SELECT label, value FROM ingest.event_labels WHERE workspace_id = $1 AND event_id = $2 "
                + "ORDER BY label").execute(Tuple.of(WORKSPACE, event)).await().atMost(QUERY_WAIT)
                .forEach(row -> rows.add(row.getString("label") + "=" + row.getString("value")));
        return rows;
    }

    @Test
    void eachStoredEventHasOneRowPerLabelExceptItsIdAndOverlongOnes() {
        assertThat(labelRows(DUPLICATE)).containsExactly("env=prod", "team=bench");
        assertThat(labelRows(A)).containsExactly("env=prod", "team=bench");
        assertThat(labelRows(LONG)).containsExactly("env=prod");
        assertThat(labelRows(LONG_KEY)).containsExactly("team=bench");
        assertThat(labelRows(UNLABELLED)).isEmpty();
    }

    @Test
    void theVacuumDeletesTheLabelRowsOfTheEventsItDeletes() {
        UUID workspace = UUID.randomUUID();
        UUID expired = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String body = """
                [{"id": "%s", "occurred": "%s", "event": "old",
                  "resource": {"prefect.resource.id": "v.1", "team": "bench"}},
                 {"id": "%s", "occurred": "%s", "event": "new",
                  "resource": {"prefect.resource.id": "v.1", "team": "bench"}}]"""
                .formatted(expired, now.minusDays(8), kept, now.minusDays(1));
        given().contentType(ContentType.JSON).body(body).when().post(workspacePath(workspace, "/events"))
                .then().statusCode(204);
        await().atMost(STORE_WAIT)
                .until(() -> stored(pool, workspace, kept) == 1 && stored(pool, workspace, expired) == 1);
        assertThat(labelCount(workspace)).isEqualTo(2);
        assertThat(vacuum.vacuum().await().atMost(QUERY_WAIT)).isGreaterThanOrEqualTo(1);
        assertThat(stored(pool, workspace, expired)).isZero();
        assertThat(labelCount(workspace)).isEqualTo(1);
        assertThat(pool.preparedQuery("SELECT event_id FROM ingest.event_labels WHERE workspace_id = $1")
                .execute(Tuple.of(workspace)).await().atMost(QUERY_WAIT).iterator().next().getUUID(0)).isEqualTo(kept);
    }

    private long labelCount(UUID workspace) {
        return pool.preparedQuery("SELECT count(*) FROM ingest.event_labels WHERE workspace_id = $1")
                .execute(Tuple.of(workspace)).await().atMost(QUERY_WAIT).iterator().next().getLong(0);
    }
}
