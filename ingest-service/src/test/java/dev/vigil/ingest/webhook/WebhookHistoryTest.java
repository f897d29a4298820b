package dev.vigil.ingest.webhook;

import static dev.vigil.ingest.support.TestEvents.workspacePath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The request history of webhooks and {@code POST /api/webhooks/{id}/test}. */
@QuarkusTest
class WebhookHistoryTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final int HISTORY = 50;
    private static final String TEMPLATE = """
            {"event": "history.{{ body.kind }}", "resource": {"prefect.resource.id": "h.{{ body.id }}"}}""";
    private static final String SECRET = "s3cret-value";

    @Inject
    Pool pool;

    private static JsonPath create(String template, String signature) {
        return given().contentType(ContentType.JSON).body("""
                {"name": "h", "template": %s, "signature": %s}""".formatted(io.vertx.core.json.Json.encode(template),
                signature)).when().post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(201)
                .extract().jsonPath();
    }

    private static String requests(JsonPath hook) {
        return workspacePath(WORKSPACE, "/webhooks/" + hook.getString("id") + "/requests");
    }

    private static String test(JsonPath hook) {
        return workspacePath(WORKSPACE, "/webhooks/" + hook.getString("id") + "/test");
    }

    private long publishedFor(String event) {
        return pool.preparedQuery("SELECT count(*) FROM ingest.events WHERE workspace_id = $1 AND event = $2")
                .execute(Tuple.of(WORKSPACE, event)).await().atMost(Duration.ofSeconds(5)).iterator().next()
                .getLong(0);
    }

    @Test
    void requestsAreKeptNewestFirstRedactedWithTheirEventsOrError() {
        JsonPath hook = create(TEMPLATE, "{\"scheme\": \"hmac-sha256\", \"secret\": \"" + SECRET + "\"}");
        String body = "{\"kind\": \"ok\", \"id\": 1, \"echo\": \"" + SECRET + "\"}";
        given().contentType(ContentType.JSON).header("Authorization", "Bearer hidden-token")
                .header("X-Signature", "sha256=" + SignaturesForTests.hmacHex(SECRET, body)).body(body)
                .when().post("/hooks/" + hook.getString("slug") + "?token=q-hidden&x=1").then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"kind\": \"bad\"}")
                .when().post("/hooks/" + hook.getString("slug")).then().statusCode(401);

        JsonPath history = given().when().get(requests(hook)).then().statusCode(200)
                .body("$", hasSize(2)).extract().jsonPath();
        assertThat(history.getInt("[0].status_code")).isEqualTo(401);
        assertThat(history.getString("[0].error")).isEqualTo("Missing signature header");
        assertThat(history.getList("[0].events")).isNull();
        assertThat(history.getInt("[1].status_code")).isEqualTo(204);
        assertThat(history.getString("[1].events[0].event")).isEqualTo("history.ok");
        assertThat(history.getString("[1].events[0].resource['prefect.resource.id']")).isEqualTo("h.1");
        assertThat(history.getString("[1].headers.authorization")).isEqualTo("[REDACTED]");
        assertThat(history.getString("[1].headers.x-signature")).isEqualTo("[REDACTED]");
        assertThat(history.getString("[1].query.token")).isEqualTo("[REDACTED]");
        assertThat(history.getString("[1].query.x")).isEqualTo("1");
        assertThat(history.getString("[1].method")).isEqualTo("POST");
        String all = given().when().get(requests(hook)).then().extract().asString();
        assertThat(all).doesNotContain("hidden-token").doesNotContain("q-hidden").doesNotContain(SECRET);
    }

    @Test
    void historyIsBoundedPerWebhookAndScopedToTheWorkspace() {
        JsonPath hook = create("""
                {"event": "history.bounded", "resource": {"prefect.resource.id": "b"}}""", "null");
        JsonPath other = create("""
                {"event": "history.other", "resource": {"prefect.resource.id": "o"}}""", "null");
        given().when().get("/hooks/" + other.getString("slug")).then().statusCode(204);
        for (int i = 0; i < HISTORY + 3; i++) {
            given().when().get("/hooks/" + hook.getString("slug") + "?n=" + i).then().statusCode(204);
        }
        JsonPath history = given().when().get(requests(hook)).then().statusCode(200)
                .body("$", hasSize(HISTORY)).extract().jsonPath();
        assertThat(history.getString("[0].query.n")).isEqualTo(String.valueOf(HISTORY + 2));
        assertThat(history.getString("[" + (HISTORY - 1) + "].query.n")).isEqualTo("3");
        given().when().get(requests(other)).then().statusCode(200).body("$", hasSize(1));
        given().when().get(workspacePath(UUID.randomUUID(), "/webhooks/" + hook.getString("id") + "/requests"))
                .then().statusCode(404);
        given().when().get(workspacePath(WORKSPACE, "/webhooks/not-a-uuid/requests")).then().statusCode(422);
    }

    @Test
    void testRendersAStoredRequestAgainstADraftWithoutPublishing() {
        JsonPath hook = create(TEMPLATE, "null");
        given().contentType(ContentType.JSON).body("{\"kind\": \"stored\", \"id\": 5}")
                .when().post("/hooks/" + hook.getString("slug")).then().statusCode(204);
        String requestId = given().when().get(requests(hook)).then().extract().jsonPath().getString("[0].id");
        given().contentType(ContentType.JSON).body("""
                {"request_id": "%s", "template": "{\\"event\\": \\"draft.{{ body.kind }}\\", \\"resource\\": \
                {\\"prefect.resource.id\\": \\"d.{{ body.id }}\\"}}"}""".formatted(requestId))
                .when().post(test(hook)).then().statusCode(200)
                .body("error", nullValue())
                .body("events", hasSize(1))
                .body("events[0].event", equalTo("draft.stored"))
                .body("events[0].resource['prefect.resource.id']", equalTo("d.5"));
        given().contentType(ContentType.JSON).body("{\"request_id\": \"%s\"}".formatted(requestId))
                .when().post(test(hook)).then().statusCode(200).body("events[0].event", equalTo("history.stored"));
        assertThat(publishedFor("draft.stored")).isZero();
        given().when().get(requests(hook)).then().body("$", hasSize(1));
    }

    @Test
    void testRendersASuppliedRequestAndReportsTheError() {
        JsonPath hook = create(TEMPLATE, "null");
        given().contentType(ContentType.JSON).body("""
                {"request": {"method": "PUT", "headers": {"X-Kind": "h"}, "query": {"q": "1"},
                             "body": {"kind": "supplied", "id": 9}}}""")
                .when().post(test(hook)).then().statusCode(200)
                .body("error", nullValue()).body("events[0].event", equalTo("history.supplied"));
        given().contentType(ContentType.JSON).body("""
                {"template": "{\\"event\\": \\"{{ method }}.{{ headers['x-kind'] }}.{{ query.q }}.{{ body }}\\", \
                \\"resource\\": {\\"prefect.resource.id\\": \\"r\\"}}",
                 "request": {"method": "put", "headers": {"X-Kind": "h"}, "query": {"q": "1"}, "body": "text"}}""")
                .when().post(test(hook)).then().statusCode(200).body("events[0].event", equalTo("PUT.h.1.text"));
        given().contentType(ContentType.JSON).body("""
                {"template": "{\\"event\\": \\"x\\"}", "request": {"body": {}}}""")
                .when().post(test(hook)).then().statusCode(200)
                .body("events", hasSize(0)).body("error", containsString("resource"));
        assertThat(publishedFor("history.supplied")).isZero();
        given().when().get(requests(hook)).then().body("$", hasSize(0));
    }

    @Test
    void badTestRequestsAre422NamingTheField() {
        JsonPath hook = create(TEMPLATE, "null");
        given().contentType(ContentType.JSON).body("{}").when().post(test(hook)).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "request_id")));
        given().contentType(ContentType.JSON).body("{\"request_id\": \"nope\"}").when().post(test(hook)).then()
                .statusCode(422).body("exception_detail[0].loc", equalTo(List.of("body", "request_id")));
        given().contentType(ContentType.JSON).body("{\"request_id\": \"%s\"}".formatted(UUID.randomUUID()))
                .when().post(test(hook)).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "request_id")));
        given().contentType(ContentType.JSON).body("{\"request_id\": \"%s\", \"request\": {}}"
                .formatted(UUID.randomUUID())).when().post(test(hook)).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "request")));
        given().contentType(ContentType.JSON).body("{\"request\": {\"method\": \"TRACE\"}}").when().post(test(hook))
                .then().statusCode(422).body("exception_detail[0].loc", equalTo(List.of("body", "request", "method")));
        given().contentType(ContentType.JSON).body("{\"template\": \"{{ unclosed\", \"request\": {}}")
                .when().post(test(hook)).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "template")));
        given().contentType(ContentType.JSON).body("{\"request\": {}}")
                .when().post(workspacePath(WORKSPACE, "/webhooks/" + UUID.randomUUID() + "/test")).then()
                .statusCode(404).body(not(containsString("Exception")));
    }
}
