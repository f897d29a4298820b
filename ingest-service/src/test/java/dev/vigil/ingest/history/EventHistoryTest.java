package dev.vigil.ingest.history;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.workspacePath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stored history: filters, pages, counts, against events posted through the real pipeline. */
@QuarkusTest
class EventHistoryTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final OffsetDateTime T0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)
            .truncatedTo(ChronoUnit.MINUTES);
    private static final UUID CREATED = UUID.randomUUID();
    private static final UUID SHIPPED = UUID.randomUUID();
    private static final UUID PING = UUID.randomUUID();
    private static boolean posted;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void postEventsOnce() {
        if (posted) {
            return;
        }
        String body = """
                [{"id": "%s", "occurred": "%s", "event": "app.order.created",
                  "resource": {"prefect.resource.id": "order.1", "team": "red", "prefect.resource.name": "First"}},
                 {"id": "%s", "occurred": "%s", "event": "app.order.shipped",
                  "resource": {"prefect.resource.id": "order.2", "team": "blue"},
                  "related": [{"prefect.resource.id": "customer.9", "prefect.resource.role": "customer",
                               "tier": "gold"}]},
                 {"id": "%s", "occurred": "%s", "event": "sys.ping",
                  "resource": {"prefect.resource.id": "host.1", "team": "red-ops"},
                  "payload": {"msg": "hello world"}}]"""
                .formatted(CREATED, T0, SHIPPED, T0.plusMinutes(1), PING, T0.plusMinutes(2));
        given().contentType(ContentType.JSON).body(body).when().post(workspacePath(WORKSPACE, "/events"))
                .then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> filter("{}").extract().path("total").equals(3));
        posted = true;
    }

    private static ValidatableResponse filter(String body) {
        return given().contentType(ContentType.JSON).body(body).when()
                .post(workspacePath(WORKSPACE, "/events/filter")).then();
    }

    private static List<String> ids(String filterJson) {
        return filter("{\"filter\": " + filterJson + "}").statusCode(200).extract().path("events.id");
    }

    private static List<String> names(UUID... ids) {
        return java.util.Arrays.stream(ids).map(UUID::toString).toList();
    }

    @Test
    void newestFirstByDefaultAndOldestFirstOnRequest() {
        assertThat(ids("{}")).containsExactlyElementsOf(names(PING, SHIPPED, CREATED));
        assertThat(ids("{\"order\": \"ASC\"}")).containsExactlyElementsOf(names(CREATED, SHIPPED, PING));
    }

    @Test
    void eachCriterionSelectsTheRightEvents() {
        Map<String, List<String>> cases = cases();
        cases.forEach((filterJson, expected) ->
                assertThat(ids(filterJson)).as(filterJson).containsExactlyInAnyOrderElementsOf(expected));
    }

    /** The live stream's in-memory matcher must agree with the SQL for every case. */
    @Test
    void inMemoryMatcherAgreesWithTheStore() throws Exception {
        List<Map<String, Object>> stored = filter("{}").extract().path("events");
        List<ReceivedEvent> events = json.convertValue(stored,
                json.getTypeFactory().constructCollectionType(List.class, ReceivedEvent.class));
        for (Map.Entry<String, List<String>> c : cases().entrySet()) {
            EventFilter filter = json.readValue(c.getKey(), EventFilter.class);
            Set<String> matched = events.stream().filter(new EventFilterMatcher(filter)::matches)
                    .map(e -> e.id().toString()).collect(Collectors.toSet());
            assertThat(matched).as(c.getKey()).containsExactlyInAnyOrderElementsOf(c.getValue());
        }
    }

    private static Map<String, List<String>> cases() {
        return Map.ofEntries(
                Map.entry("{\"occurred\": {\"since\": \"%s\", \"until\": \"%s\"}}"
                        .formatted(T0.plusSeconds(30), T0.plusMinutes(1)), names(SHIPPED)),
                Map.entry("{\"occurred\": {\"since\": \"%s\"}}".formatted(
                        T0.plusMinutes(1).toLocalDateTime()), names(SHIPPED, PING)),
                Map.entry("{\"event\": {\"prefix\": [\"app.order.\"]}}", names(CREATED, SHIPPED)),
                Map.entry("{\"event\": {\"exclude_prefix\": [\"app.\"]}}", names(PING)),
                Map.entry("{\"event\": {\"name\": [\"sys.ping\", \"app.order.created\"]}}", names(CREATED, PING)),
                Map.entry("{\"event\": {\"exclude_name\": [\"sys.ping\"]}}", names(CREATED, SHIPPED)),
                Map.entry("{\"resource\": {\"id\": [\"order.2\"]}}", names(SHIPPED)),
                Map.entry("{\"resource\": {\"id_prefix\": [\"order.\"]}}", names(CREATED, SHIPPED)),
                Map.entry("{\"resource\": {\"labels\": {\"team\": \"red*\"}}}", names(CREATED, PING)),
                Map.entry("{\"resource\": {\"labels\": {\"team\": [\"red*\", \"!*-ops\"]}}}", names(CREATED)),
                Map.entry("{\"resource\": {\"labels\": {\"team\": \"[br]lue\"}}}", names(SHIPPED)),
                // Literal values: asked as containment, answered by the resource-labels index (LabelSql).
                Map.entry("{\"resource\": {\"labels\": {\"team\": \"red\"}}}", names(CREATED)),
                Map.entry("{\"resource\": {\"labels\": {\"team\": [\"red\", \"blue\"]}}}", names(CREATED, SHIPPED)),
                Map.entry("{\"resource\": {\"labels\": {\"team\": [\"red\", \"!red\"]}}}", names()),
                Map.entry("{\"resource\": {\"labels\": {\"team\": [\"blue\", \"red-ops\", \"!*-ops\"]}}}",
                        names(SHIPPED)),
                Map.entry("{\"resource\": {\"labels\": {\"team\": [\"red\", \"red-*\"]}}}", names(CREATED, PING)),
                Map.entry("{\"resource\": {\"labels\": {\"team\": \"red\", \"prefect.resource.name\": \"First\"}}}",
                        names(CREATED)),
                Map.entry("{\"resource\": {\"labels\": {\"team\": \"red\", \"prefect.resource.name\": \"Second\"}}}",
                        names()),
                Map.entry("{\"resource\": {\"labels\": {\"team\": \"r\\\"ed\"}}}", names()),
                Map.entry("{\"resource\": {\"labels\": {\"absent\": \"red\"}}}", names()),
                Map.entry("{\"resource\": {\"labels\": {\"team\": \"\"}}}", names()),
                Map.entry("{\"related\": {\"role\": [\"customer\"], \"labels\": {\"tier\": \"gold\"}}}",
                        names(SHIPPED)),
                Map.entry("{\"related\": [{\"id\": [\"customer.9\"]}, {\"resources_in_roles\": "
                        + "[[\"customer.9\", \"owner\"]]}]}", names()),
                Map.entry("{\"related\": {\"resources_in_roles\": [[\"customer.9\", \"customer\"]]}}",
                        names(SHIPPED)),
                Map.entry("{\"any_resource\": {\"id_prefix\": [\"customer.\"]}}", names(SHIPPED)),
                Map.entry("{\"any_resource\": [{\"labels\": {\"team\": \"*\"}}, {\"id\": [\"host.1\"]}]}",
                        names(PING)),
                Map.entry("{\"id\": {\"id\": [\"%s\"]}}".formatted(CREATED), names(CREATED)),
                Map.entry("{\"text\": {\"query\": \"\\\"hello world\\\" gold\"}}", names(SHIPPED, PING)),
                Map.entry("{\"text\": {\"query\": \"order -shipped\"}}", names(CREATED)));
    }

    /** A label filter's total and its counts by time agree with the events it lists (containment and value paths). */
    @Test
    void labelFiltersCountTheEventsTheyList() {
        String window = "\"occurred\": {\"since\": \"%s\", \"until\": \"%s\"}"
                .formatted(T0.minusMinutes(1), T0.plusMinutes(5));
        for (String labels : List.of("{\"team\": \"red\"}", "{\"team\": [\"red\", \"blue\"]}",
                "{\"team\": [\"red\", \"red-ops\", \"!red\"]}", "{\"team\": \"red*\"}", "{\"team\": \"green\"}")) {
            String criteria = "{" + window + ", \"resource\": {\"labels\": " + labels + "}}";
            List<String> listed = ids(criteria);
            filter("{\"filter\": " + criteria + "}").statusCode(200).body("total", equalTo(listed.size()));
            JsonPath counts = countBy("time", "{\"filter\": " + criteria + ", \"time_unit\": \"minute\"}")
                    .statusCode(200).extract().jsonPath();
            assertThat(counts.getList("count", Integer.class).stream().mapToInt(Integer::intValue).sum())
                    .as(labels).isEqualTo(listed.size());
        }
    }

    @Test
    void pagesFollowNextPageLinksUntilTheEnd() {
        JsonPath first = filter("{\"limit\": 2, \"filter\": {\"order\": \"ASC\"}}").statusCode(200)
                .body("total", equalTo(3)).extract().jsonPath();
        assertThat(first.getList("events.id")).containsExactlyElementsOf(names(CREATED, SHIPPED));
        String next = first.getString("next_page");
        assertThat(next).startsWith("http://127.0.0.1:4200/api/accounts/").contains("/workspaces/" + WORKSPACE
                + "/events/filter/next?page-token=");
        URI link = URI.create(next);
        given().when().get(link.getRawPath() + "?" + link.getRawQuery()).then().statusCode(200)
                .body("events.id", equalTo(names(PING))).body("total", equalTo(3))
                .body("next_page", nullValue());
    }

    @Test
    void pageTokensThatDoNotDecodeOrBelongElsewhereAre403() {
        given().when().get(workspacePath(WORKSPACE, "/events/filter/next?page-token=not-a-token"))
                .then().statusCode(403).body("detail", equalTo("Invalid page token"));
        given().when().get(workspacePath(WORKSPACE, "/events/filter/next")).then().statusCode(403);
        String next = filter("{\"limit\": 1}").extract().path("next_page");
        URI link = URI.create(next);
        given().when().get("/api/events/filter/next?" + link.getRawQuery()).then().statusCode(403);
    }

    @Test
    void tamperedAndForgedPageTokensAre403() {
        String next = filter("{\"limit\": 1}").extract().path("next_page");
        String token = URI.create(next).getRawQuery().substring("page-token=".length());
        int dot = token.lastIndexOf('.');
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"page_size\":1");
        String bigger = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"page_size\":1", "\"page_size\":3000").getBytes(StandardCharsets.UTF_8));
        for (String forged : List.of(bigger + token.substring(dot), token.substring(0, dot),
                token.substring(0, dot) + ".AAAA", bigger)) {
            given().when().get(workspacePath(WORKSPACE, "/events/filter/next?page-token=" + forged))
                    .then().statusCode(403).body("detail", equalTo("Invalid page token"));
        }
        given().when().get(workspacePath(WORKSPACE, "/events/filter/next?page-token=" + token)).then().statusCode(200);
    }

    @Test
    void nulCharactersAndNullsInFilterListsAre422() {
        filter("{\"filter\": {\"event\": {\"name\": [\"a\\u0000\"]}}}").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "filter", "event", "name", 0)))
                .body("exception_detail[0].type", equalTo("string_nul"));
        filter("{\"filter\": {\"resource\": {\"labels\": {\"k\\u0000\": [\"v\"]}}}}").statusCode(422);
        filter("{\"filter\": {\"event\": {\"name\": [null]}}}").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "filter", "event", "name", 0)));
        filter("{\"filter\": {\"resource\": {\"id\": [null]}}}").statusCode(422);
        filter("{\"limit\": \"10\"}").statusCode(422);
        filter("{\"limit\": 2147483647}").statusCode(422);
    }

    @Test
    void limitOutsideZeroToFiftyIs422() {
        filter("{\"limit\": 51}").statusCode(422).body("exception_detail[0].loc", equalTo(List.of("body", "limit")));
        filter("{\"limit\": -1}").statusCode(422);
        filter("{\"limit\": 0}").statusCode(200).body("events", equalTo(List.of())).body("total", equalTo(3))
                .body("next_page", nullValue());
    }

    @Test
    void unknownFilterKeysAndBadValuesAre422() {
        filter("{\"filter\": {\"bogus\": 1}}").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "filter", "bogus")));
        filter("{\"filter\": {\"order\": \"SIDEWAYS\"}}").statusCode(422);
        filter("{\"filter\": {\"occurred\": {\"since\": \"soon\"}}}").statusCode(422);
        filter("{\"filter\": {\"text\": {\"query\": \"" + "x".repeat(201) + "\"}}}").statusCode(422);
        filter("{\"filter\": {\"resource\": {\"labels\": {\"team\": 5}}}}").statusCode(422);
        filter("[").statusCode(422);
    }

    @Test
    void emptyBodyMeansNoFilter() {
        given().when().post(workspacePath(WORKSPACE, "/events/filter")).then().statusCode(200)
                .body("total", equalTo(3));
    }

    private static ValidatableResponse countBy(String countable, String body) {
        return given().contentType(ContentType.JSON).body(body).when()
                .post(workspacePath(WORKSPACE, "/events/count-by/" + countable)).then();
    }

    @Test
    void countsByEventAndResource() {
        countBy("event", "{\"filter\": {\"event\": {\"prefix\": [\"app.\"]}}}").statusCode(200)
                .body("value", equalTo(List.of("app.order.created", "app.order.shipped")))
                .body("count", equalTo(List.of(1, 1)));
        countBy("resource", "{}").statusCode(200)
                .body("find { it.value == 'order.1' }.label", equalTo("First"))
                .body("find { it.value == 'host.1' }.label", equalTo("host.1"));
    }

    @Test
    void countsByDay() {
        countBy("day", "{}").statusCode(200).body("count.sum()", equalTo(3))
                .body("[0].start_time", startsWith(T0.toLocalDate().toString().substring(0, 4)));
    }

    @Test
    void countsByTimeIncludeEmptyBuckets() {
        String window = "{\"occurred\": {\"since\": \"%s\", \"until\": \"%s\"}}"
                .formatted(T0, T0.plusMinutes(4).minusSeconds(1));
        JsonPath counts = countBy("time", "{\"filter\": " + window + ", \"time_unit\": \"minute\"}")
                .statusCode(200).extract().jsonPath();
        assertThat(counts.getList("count", Integer.class)).containsExactly(1, 1, 1, 0);
        assertThat(OffsetDateTime.parse(counts.getString("[0].start_time")).toInstant()).isEqualTo(T0.toInstant());
        assertThat(OffsetDateTime.parse(counts.getString("[0].end_time")).toInstant())
                .isEqualTo(T0.plusMinutes(1).toInstant());
    }

    @Test
    void badCountRequestsAre422() {
        countBy("weekday", "{}").statusCode(422).body("exception_detail[0].loc", equalTo(List.of("path", "countable")));
        countBy("time", "{\"time_interval\": 0.001}").statusCode(422);
        countBy("time", "{\"time_unit\": \"fortnight\"}").statusCode(422);
        countBy("time", "{\"time_unit\": \"second\"}").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "time_interval")));
    }
}
