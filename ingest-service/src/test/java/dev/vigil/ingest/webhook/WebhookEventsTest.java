package dev.vigil.ingest.webhook;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.workspacePath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events about webhooks as Prefect Cloud makes them: the webhook related to what it made, and its audit events. */
@QuarkusTest
class WebhookEventsTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String SECRET = "wh-secret-5d1c";

    @Inject
    Pool pool;

    private List<Row> events(String name) {
        var rows = pool.preparedQuery("SELECT resource_id, related::text AS related, payload::text AS payload "
                        + "FROM ingest.events WHERE workspace_id = $1 AND event = $2 ORDER BY occurred")
                .execute(Tuple.of(WORKSPACE, name)).await().atMost(Duration.ofSeconds(5));
        List<Row> all = new ArrayList<>();
        rows.forEach(all::add);
        return all;
    }

    private static JsonPath create(String name) {
        String body = """
                {"name": "%s", "template": "{\\"event\\": \\"hook.related\\", \\"resource\\": {\\"prefect.resource.id\\": \\"r.1\\"}}",
                 "signature": {"scheme": "hmac-sha256", "header": "X-Sig", "secret": "%s"}}""".formatted(name, SECRET);
        return given().contentType(ContentType.JSON).body(body).post(workspacePath(WORKSPACE, "/webhooks"))
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void eventsMadeByAWebhookCarryItAsARelatedResource() {
        String body = """
                {"name": "unsigned", "template": "{\\"event\\": \\"hook.related\\", \\"resource\\": {\\"prefect.resource.id\\": \\"r.1\\"}}"}""";
        JsonPath hook = given().contentType(ContentType.JSON).body(body).post(workspacePath(WORKSPACE, "/webhooks"))
                .then().statusCode(201).extract().jsonPath();
        given().post("/hooks/" + hook.getString("slug")).then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> events("hook.related").size() == 1);
        assertThat(events("hook.related").get(0).getString("related"))
                .contains("\"prefect.resource.id\": \"prefect-cloud.webhook." + hook.getString("id") + "\"")
                .contains("\"prefect.resource.role\": \"webhook\"")
                .contains("\"prefect.resource.name\": \"unsigned\"");
    }

    @Test
    void webhookChangesEmitCloudAuditEventsWithoutSlugOrSecret() {
        JsonPath hook = create("audited");
        String id = hook.getString("id");
        String resource = "prefect-cloud.webhook." + id;
        given().contentType(ContentType.JSON).body("""
                        {"name": "audited-2", "template": "{}", "enabled": false}""")
                .put(workspacePath(WORKSPACE, "/webhooks/" + id)).then().statusCode(200);
        given().delete(workspacePath(WORKSPACE, "/webhooks/" + id)).then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> events("prefect-cloud.webhook.created").stream()
                .anyMatch(r -> resource.equals(r.getString("resource_id")))
                && events("prefect-cloud.webhook.updated").stream().anyMatch(r -> resource.equals(r.getString("resource_id")))
                && events("prefect-cloud.webhook.deleted").stream().anyMatch(r -> resource.equals(r.getString("resource_id"))));
        List<Row> all = new ArrayList<>();
        for (String change : List.of("created", "updated", "deleted")) {
            all.addAll(events("prefect-cloud.webhook." + change));
        }
        assertThat(events("prefect-cloud.webhook.created").get(0).getString("payload"))
                .contains("\"name\": \"audited\"").contains("\"signature_scheme\": \"hmac-sha256\"");
        assertThat(events("prefect-cloud.webhook.updated").get(0).getString("payload"))
                .contains("\"enabled\": false");
        for (Row row : all) {
            assertThat(row.getString("payload")).doesNotContain(SECRET).doesNotContain(hook.getString("slug"));
        }
    }
}
