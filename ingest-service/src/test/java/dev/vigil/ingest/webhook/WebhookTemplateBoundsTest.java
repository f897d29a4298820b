package dev.vigil.ingest.webhook;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.workspacePath;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.testsupport.HostileTemplates;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hostile webhook templates through ingest's real paths: webhook create and test answer 422 naming the
 * template, a {@code /hooks/{slug}} call whose template breaks a bound answers 400 (as any template
 * that cannot render), and the same JVM goes on turning requests into events.
 */
@QuarkusTest
class WebhookTemplateBoundsTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String EVENT = """
            {"event": "bounded.{{ body.kind }}", "resource": {"prefect.resource.id": "bounded.{{ body.id }}"}}""";

    @Inject
    Pool pool;

    private static String webhook(String template) {
        return """
                {"name": "n", "template": %s}""".formatted(Json.encode(template));
    }

    private long stored(String event) {
        return pool.preparedQuery("SELECT count(*) FROM ingest.events WHERE workspace_id = $1 AND event = $2")
                .execute(Tuple.of(WORKSPACE, event)).await().atMost(Duration.ofSeconds(5)).iterator().next()
                .getLong(0);
    }

    @Test
    void hostileTemplatesAre422AtCreateAndTestNamingTheTemplate() {
        JsonPath normal = given().contentType(ContentType.JSON).body(webhook(EVENT))
                .post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(201).extract().jsonPath();
        for (String hostile : HostileTemplates.LITERAL) {
            given().contentType(ContentType.JSON).body(webhook(hostile)).post(workspacePath(WORKSPACE, "/webhooks"))
                    .then().statusCode(422)
                    .body("exception_detail[0].loc", equalTo(List.of("body", "template")));
            given().contentType(ContentType.JSON)
                    .body("{\"template\": " + Json.encode(hostile) + ", \"request\": {\"body\": {}}}")
                    .post(workspacePath(WORKSPACE, "/webhooks/" + normal.getString("id") + "/test"))
                    .then().statusCode(422)
                    .body("exception_detail[0].loc", equalTo(List.of("body", "template")));
        }
        given().contentType(ContentType.JSON).body("{\"kind\": \"after\", \"id\": 1}")
                .post("/hooks/" + normal.getString("slug")).then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> stored("bounded.after") == 1);
    }

    @Test
    void aTimeBombIs400ForItsRequestAndTheNextRequestBecomesAnEvent() {
        String bomb = HostileTemplates.timeBomb("body.kind", "boom", EVENT);
        JsonPath hook = given().contentType(ContentType.JSON).body(webhook(bomb))
                .post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(201).extract().jsonPath();
        String path = "/hooks/" + hook.getString("slug");
        given().contentType(ContentType.JSON).body("{\"kind\": \"boom\", \"id\": 1}").post(path).then()
                .statusCode(400).body("detail", containsString("width 1000000000"));
        given().contentType(ContentType.JSON).body("{\"request\": {\"body\": {\"kind\": \"boom\"}}}")
                .post(workspacePath(WORKSPACE, "/webhooks/" + hook.getString("id") + "/test")).then()
                .statusCode(200).body("error", containsString("width 1000000000"));
        given().contentType(ContentType.JSON).body("{\"kind\": \"fine\", \"id\": 2}").post(path).then()
                .statusCode(204);
        await().atMost(STORE_WAIT).until(() -> stored("bounded.fine") == 1);
    }

    @Test
    void templatesHostileOnlyAtRenderAre4xxOnEveryPath() {
        for (String hostile : HostileTemplates.AT_RENDER) {
            int created = given().contentType(ContentType.JSON).body(webhook(hostile))
                    .post(workspacePath(WORKSPACE, "/webhooks")).then().extract().statusCode();
            if (created == 201) {
                String slug = given().contentType(ContentType.JSON).body(webhook(hostile))
                        .post(workspacePath(WORKSPACE, "/webhooks")).then().extract().jsonPath().getString("slug");
                given().contentType(ContentType.JSON).body("{}").post("/hooks/" + slug).then().statusCode(400);
            } else {
                org.assertj.core.api.Assertions.assertThat(created).as(hostile).isEqualTo(422);
            }
        }
    }
}
