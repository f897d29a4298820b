package dev.vigil.ingest.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventsResourceTest {

    @Inject
    Pool pool;

    private static String event(UUID id, String resourceId) {
        return """
                {"id": "%s", "occurred": "2026-01-01T00:00:00Z", "event": "external.resource.pinged",
                 "resource": {"prefect.resource.id": "%s"},
                 "related": [{"prefect.resource.id": "prefect.flow.1", "prefect.resource.role": "flow"}],
                 "payload": {"n": 1}}""".formatted(id, resourceId);
    }

    private long stored(UUID workspace, UUID id) {
        return pool.preparedQuery("SELECT count(*) FROM ingest.events WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspace, id)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    @Test
    void acceptedEventsAreStoredExactlyOnce() {
        UUID id = UUID.randomUUID();
        String body = "[" + event(id, "r.1") + "," + event(id, "r.1") + "]";
        given().contentType(ContentType.JSON).body(body).when().post("/api/events").then().statusCode(204);
        given().contentType(ContentType.JSON).body(body).when().post("/api/events").then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(new UUID(0, 0), id) == 1);
    }

    @Test
    void prefixedPathStoresTheEventInThatWorkspace() {
        UUID workspace = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        given().contentType(ContentType.JSON).body("[" + event(id, "r.2") + "]")
                .when().post("/api/accounts/" + UUID.randomUUID() + "/workspaces/" + workspace + "/events")
                .then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(workspace, id) == 1);
        org.assertj.core.api.Assertions.assertThat(stored(new UUID(0, 0), id)).isZero();
    }

    @Test
    void missingResourceIdIs422NamingIndexAndField() {
        String bad = event(UUID.randomUUID(), "r.3").replace("\"prefect.resource.id\": \"r.3\"", "\"x\": \"y\"");
        given().contentType(ContentType.JSON).body("[" + event(UUID.randomUUID(), "r.3") + "," + bad + "]")
                .when().post("/api/events")
                .then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", 1, "resource")));
    }

    @Test
    void relatedWithoutRoleIs422() {
        String bad = event(UUID.randomUUID(), "r.4").replace(", \"prefect.resource.role\": \"flow\"", "");
        given().contentType(ContentType.JSON).body("[" + bad + "]").when().post("/api/events")
                .then().statusCode(422).body("exception_detail[0].loc", hasItem("related"));
    }

    @Test
    void notAnArrayIs422() {
        given().contentType(ContentType.JSON).body(event(UUID.randomUUID(), "r.5")).when().post("/api/events")
                .then().statusCode(422);
    }

    @Test
    void brokenJsonIs422() {
        given().contentType(ContentType.JSON).body("[{\"id\": ").when().post("/api/events")
                .then().statusCode(422).body("exception_detail[0].type", equalTo("json_invalid"));
    }

    @Test
    void readinessChecksBrokerAndDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
