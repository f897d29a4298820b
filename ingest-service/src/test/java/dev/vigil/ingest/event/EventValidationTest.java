package dev.vigil.ingest.event;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.event;
import static dev.vigil.ingest.support.TestEvents.row;
import static dev.vigil.ingest.support.TestEvents.stored;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.vigil.model.messaging.Workspaces;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every validation rule of {@code POST /api/events} answers 4xx naming the field, never 5xx. */
@QuarkusTest
class EventValidationTest {

    private static final UUID DEFAULT = Workspaces.DEFAULT;

    @Inject
    Pool pool;

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/events").then();
    }

    private static String withResource(String labels) {
        return """
                {"id": "%s", "occurred": "2026-01-01T00:00:00Z", "event": "e",
                 "resource": {%s}}""".formatted(UUID.randomUUID(), labels);
    }

    private static String labels(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"l" + i + "\": \"v\"").collect(Collectors.joining(","));
    }

    @Test
    void naiveOccurredIsUtc() {
        UUID id = UUID.randomUUID();
        post("[" + event(id, "2026-01-01T10:00:00", "e", "r.n") + "]").statusCode(204);
        await().atMost(STORE_WAIT).until(() -> stored(pool, DEFAULT, id) == 1);
        assertThat(row(pool, DEFAULT, id).getOffsetDateTime("occurred").toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC).toInstant());
    }

    @Test
    void offsetOccurredWithSpaceSeparatorAndMicrosecondsKeepsItsInstant() {
        UUID id = UUID.randomUUID();
        post("[" + event(id, "2026-01-01 10:00:00.123456+02:00", "e", "r.o") + "]").statusCode(204);
        await().atMost(STORE_WAIT).until(() -> stored(pool, DEFAULT, id) == 1);
        assertThat(row(pool, DEFAULT, id).getOffsetDateTime("occurred").toInstant())
                .isEqualTo(OffsetDateTime.of(2026, 1, 1, 8, 0, 0, 123_456_000, ZoneOffset.UTC).toInstant());
    }

    @Test
    void unparseableOccurredIs422() {
        post("[" + event(UUID.randomUUID(), "yesterday", "e", "r") + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "occurred")));
    }

    @Test
    void aNulCharacterThatPostgresCannotStoreIs422WithItsPath() {
        String event = """
                [{"id": "%s", "occurred": "2026-01-01T00:00:00Z", "event": "e",
                  "resource": {"prefect.resource.id": "r"}, "payload": {"rows": [{"ok": "a"}, {"bad": "x\\u0000y"}]}}]"""
                .formatted(UUID.randomUUID());
        post(event).statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "payload", "rows", 1, "bad")))
                .body("exception_detail[0].type", equalTo("string_nul"));
        post("[" + event(UUID.randomUUID(), "2026-01-01T00:00:00Z", "e\\u0000", "r") + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "event")));
    }

    @Test
    void indexedValuesOverTwoKilobytesAre422() {
        post("[" + event(UUID.randomUUID(), "2026-01-01T00:00:00Z", "\u20ac".repeat(700), "r") + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "event")));
        post("[" + event(UUID.randomUUID(), "2026-01-01T00:00:00Z", "e", "r".repeat(2049)) + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "resource", "prefect.resource.id")));
    }

    @Test
    void occurredBeyondYear9999Is422() {
        post("[" + event(UUID.randomUUID(), "+10000-01-01T00:00:00Z", "e", "r") + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "occurred")));
    }

    @Test
    void missingIdOccurredAndEventAreEachNamed() {
        post("[{\"resource\": {\"prefect.resource.id\": \"r\"}}]").statusCode(422)
                .body("exception_detail.loc", equalTo(List.of(
                        List.of("body", 0, "id"), List.of("body", 0, "occurred"), List.of("body", 0, "event"))));
    }

    @Test
    void nameOfMaximumLengthIsAcceptedAndOneMoreIsNot() {
        post("[" + event(UUID.randomUUID(), "2026-01-01T00:00:00Z", "x".repeat(1024), "r") + "]").statusCode(204);
        post("[" + event(UUID.randomUUID(), "2026-01-01T00:00:00Z", "x".repeat(1025), "r") + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "event")))
                .body("exception_detail[0].type", equalTo("string_too_long"));
    }

    @Test
    void fiveHundredLabelsAreAcceptedAndMoreAreNot() {
        post("[" + withResource("\"prefect.resource.id\": \"r\"," + labels(499)) + "]").statusCode(204);
        post("[" + withResource("\"prefect.resource.id\": \"r\"," + labels(500)) + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "resource")))
                .body("exception_detail[0].type", equalTo("too_long"));
    }

    @Test
    void tooManyLabelsOnARelatedResourceNameIt() {
        String event = """
                {"id": "%s", "occurred": "2026-01-01T00:00:00Z", "event": "e",
                 "resource": {"prefect.resource.id": "r"},
                 "related": [{"prefect.resource.id": "a", "prefect.resource.role": "b", %s}]}"""
                .formatted(UUID.randomUUID(), labels(499));
        post("[" + event + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "related", 0)));
    }

    @Test
    void moreThanOneHundredRelatedResourcesAreRejected() {
        String related = IntStream.range(0, 101)
                .mapToObj(i -> "{\"prefect.resource.id\": \"x." + i + "\", \"prefect.resource.role\": \"r\"}")
                .collect(Collectors.joining(","));
        String event = """
                {"id": "%s", "occurred": "2026-01-01T00:00:00Z", "event": "e",
                 "resource": {"prefect.resource.id": "r"}, "related": [%s]}""".formatted(UUID.randomUUID(), related);
        post("[" + event + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "related")));
    }

    @Test
    void relatedWithoutIdIsRejected() {
        String event = """
                {"id": "%s", "occurred": "2026-01-01T00:00:00Z", "event": "e",
                 "resource": {"prefect.resource.id": "r"}, "related": [{"prefect.resource.role": "flow"}]}"""
                .formatted(UUID.randomUUID());
        post("[" + event + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "related", 0)));
    }

    @Test
    void eventOverOneAndAHalfMegabytesIsRejected() {
        String big = """
                {"id": "%s", "occurred": "2026-01-01T00:00:00Z", "event": "e",
                 "resource": {"prefect.resource.id": "r"}, "payload": {"blob": "%s"}}"""
                .formatted(UUID.randomUUID(), "a".repeat(1_500_001));
        post("[" + big + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0)))
                .body("exception_detail[0].type", equalTo("too_large"));
    }

    @Test
    void payloadThatIsNotAnObjectIsRejected() {
        String event = event(UUID.randomUUID()).replace("\"payload\": {\"n\": 1}", "\"payload\": [1]");
        post("[" + event + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "payload")));
    }

    @Test
    void nonStringLabelValuesAre422InPydanticsWordsNamingNoJavaClass() {
        post("[" + withResource("\"prefect.resource.id\": \"r.1\", \"count\": 1") + "]").statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 0, "resource", "count")))
                .body("exception_detail[0].msg", equalTo("Input should be a valid string"));
        String related = withResource("\"prefect.resource.id\": \"r.1\"").replace("}}",
                "}, \"related\": [{\"prefect.resource.id\": \"x\", \"prefect.resource.role\": true}]}");
        post("[" + related + "]").statusCode(422)
                .body("exception_detail[0].msg", equalTo("Input should be a valid string"))
                .body(not(containsString("java.")));
    }

    @Test
    void nullElementIsRejected() {
        post("[null]").statusCode(422).body("exception_detail[0].loc", equalTo(List.of("body", 0)));
    }

    @Test
    void emptyBodyIs422() {
        post("").statusCode(422).body("exception_detail[0].type", equalTo("json_invalid"));
    }

    @Test
    void wrongContentTypeIs415WithADetail() {
        given().contentType(ContentType.TEXT).body("[" + event(UUID.randomUUID()) + "]")
                .when().post("/api/events").then().statusCode(415).body("detail", containsString("Media Type"));
    }

    @Test
    void emptyArrayIsAccepted() {
        post("[]").statusCode(204);
    }

    @Test
    void partialModeAcceptsTheGoodEventsAndReportsTheBadOnes() {
        UUID good1 = UUID.randomUUID();
        UUID good2 = UUID.randomUUID();
        UUID invalid = UUID.randomUUID();
        String missingResourceId = event(invalid).replace("\"prefect.resource.id\": \"r.1\"", "\"x\": \"y\"");
        String unreadable = event(UUID.randomUUID(), "not a time", "e", "r");
        given().contentType(ContentType.JSON)
                .body("[" + event(good1) + "," + missingResourceId + "," + unreadable + "," + event(good2) + "]")
                .when().post("/api/events?partial=true").then().statusCode(200)
                .body("accepted", equalTo(List.of(good1.toString(), good2.toString())))
                .body("rejected", hasSize(2))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].id", equalTo(invalid.toString()))
                .body("rejected[0].exception_detail[0].loc", equalTo(List.of("body", 1, "resource")))
                .body("rejected[1].index", equalTo(2))
                .body("rejected[1].exception_detail[0].loc", equalTo(List.of("body", 2, "occurred")));
        await().atMost(STORE_WAIT).until(() -> stored(pool, DEFAULT, good1) == 1 && stored(pool, DEFAULT, good2) == 1);
        assertThat(stored(pool, DEFAULT, invalid)).isZero();
    }

    @Test
    void partialModeStillNeedsAnArray() {
        given().contentType(ContentType.JSON).body(event(UUID.randomUUID()))
                .when().post("/api/events?partial=true").then().statusCode(422)
                .body("exception_detail[0].type", equalTo("list_type"));
    }
}
