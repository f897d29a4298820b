package dev.vigil.ingest.webhook;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.workspacePath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** CloudEvents, structured and binary, through the static template {@code {{ cloudevent | tojson }}}. */
@QuarkusTest
class CloudEventsTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String TEMPLATE = "{{ cloudevent | tojson }}";

    @Inject
    Pool pool;

    private static String slug() {
        return given().contentType(ContentType.JSON).body("""
                {"name": "ce", "template": %s}""".formatted(io.vertx.core.json.Json.encode(TEMPLATE)))
                .when().post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(201).extract().jsonPath()
                .getString("slug");
    }

    private Row stored(String event) {
        var rows = pool.preparedQuery("SELECT id, occurred, resource_id, resource::text AS resource, "
                + "payload::text AS payload FROM ingest.events WHERE workspace_id = $1 AND event = $2")
                .execute(Tuple.of(WORKSPACE, event)).await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    @Test
    void structuredModeBecomesAPrefectEvent() {
        UUID id = UUID.randomUUID();
        given().contentType("application/cloudevents+json; charset=utf-8").body("""
                {"specversion": "1.0", "type": "com.example.object.created", "source": "/storage/bucket-1",
                 "subject": "photo.jpg", "id": "%s", "time": "2026-03-01T10:00:00+01:00",
                 "datacontenttype": "application/json", "traceparent": "00-abc", "data": {"size": 42}}"""
                .formatted(id)).when().post("/hooks/" + slug()).then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> stored("com.example.object.created") != null);
        Row row = stored("com.example.object.created");
        assertThat(row.getUUID("id")).isEqualTo(id);
        assertThat(row.getString("resource_id")).isEqualTo("/storage/bucket-1/photo.jpg");
        assertThat(row.getOffsetDateTime("occurred").toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-03-01T09:00:00Z").toInstant());
        assertThat(row.getString("payload")).isEqualTo("{\"size\": 42}");
        assertThat(row.getString("resource")).contains("\"cloudevents.source\": \"/storage/bucket-1\"")
                .contains("\"cloudevents.traceparent\": \"00-abc\"");
    }

    @Test
    void binaryModeBecomesAPrefectEvent() {
        given().contentType(ContentType.JSON).header("ce-specversion", "1.0").header("ce-type", "com.example.binary")
                .header("ce-source", "urn:example:sensor").header("ce-id", "not-a-uuid-7")
                .header("ce-time", "2026-03-02T00:00:00Z").body("{\"reading\": 3.5}")
                .when().post("/hooks/" + slug()).then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> stored("com.example.binary") != null);
        Row row = stored("com.example.binary");
        assertThat(row.getString("resource_id")).isEqualTo("urn:example:sensor");
        assertThat(row.getString("resource")).contains("\"cloudevents.id\": \"not-a-uuid-7\"");
        assertThat(row.getString("payload")).isEqualTo("{\"reading\": 3.5}");
        assertThat(row.getOffsetDateTime("occurred").toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-03-02T00:00:00Z").toInstant());
    }

    @Test
    void binaryModeWithTextDataAndStructuredBase64Data() {
        String slug = slug();
        given().contentType(ContentType.TEXT).header("ce-specversion", "1.0").header("ce-type", "com.example.text")
                .header("ce-source", "s").body("hello").when().post("/hooks/" + slug).then().statusCode(204);
        given().contentType("application/cloudevents+json").body("""
                {"specversion": "1.0", "type": "com.example.b64", "source": "s", "id": "1",
                 "datacontenttype": "application/json", "data_base64": "eyJrIjogInYifQ=="}""")
                .when().post("/hooks/" + slug).then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> stored("com.example.text") != null && stored("com.example.b64") != null);
        assertThat(stored("com.example.text").getString("payload")).isEqualTo("{\"data\": \"hello\"}");
        assertThat(stored("com.example.b64").getString("payload")).isEqualTo("{\"k\": \"v\"}");
    }

    @Test
    void incompleteCloudEventsAre400() {
        String slug = slug();
        given().contentType("application/cloudevents+json").body("{\"specversion\": \"1.0\", \"source\": \"s\"}")
                .when().post("/hooks/" + slug).then().statusCode(400).body("detail", containsString("type"));
        given().contentType(ContentType.JSON).header("ce-specversion", "1.0").header("ce-type", "t").body("{}")
                .when().post("/hooks/" + slug).then().statusCode(400).body("detail", containsString("source"));
        given().contentType(ContentType.JSON).body("{}").when().post("/hooks/" + slug).then().statusCode(400)
                .body("detail", containsString("not a CloudEvent"));
    }
}
