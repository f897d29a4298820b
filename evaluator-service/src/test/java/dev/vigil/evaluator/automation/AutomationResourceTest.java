package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AutomationResourceTest {

    static final String PINGED = """
            {"name": "pinged twice",
             "trigger": {"type": "event", "expect": ["external.resource.pinged"],
                         "match": {"prefect.resource.id": "my.resource.*"},
                         "posture": "Reactive", "threshold": 2, "within": 60},
             "actions": [{"type": "do-nothing"}]}
            """;

    private static String create(String basePath) {
        return given().contentType(ContentType.JSON).body(PINGED)
                .when().post(basePath + "/automations/")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("created", notNullValue())
                .body("updated", notNullValue())
                .body("name", equalTo("pinged twice"))
                .body("enabled", equalTo(true))
                .body("trigger.within", equalTo(60.0f))
                .body("trigger.threshold", equalTo(2))
                .body("trigger.for_each", equalTo(java.util.List.of()))
                .body("actions[0].type", equalTo("do-nothing"))
                .extract().path("id");
    }

    @Test
    void createdAutomationCanBeReadBack() {
        String id = create("/api");
        given().when().get("/api/automations/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("trigger.posture", equalTo("Reactive"));
    }

    @Test
    void unknownAutomationIs404WithDetail() {
        given().when().get("/api/automations/" + UUID.randomUUID())
                .then().statusCode(404).body("detail", equalTo("Automation not found"));
    }

    @Test
    void malformedIdIs422NamingThePathParameter() {
        given().when().get("/api/automations/not-a-uuid")
                .then().statusCode(422).body("exception_detail[0].loc", equalTo(java.util.List.of("path", "id")));
    }

    @Test
    void malformedJsonIs422NotA500() {
        given().contentType(ContentType.JSON).body("{\"name\": ").when().post("/api/automations/")
                .then().statusCode(422).body("exception_detail[0].type", equalTo("json_invalid"));
    }

    @Test
    void unknownActionTypeIs422NamingTheField() {
        String body = PINGED.replace("do-nothing", "launch-rocket");
        given().contentType(ContentType.JSON).body(body).when().post("/api/automations/")
                .then().statusCode(422)
                .body("exception_detail[0].loc", hasItem("actions"))
                .body("exception_detail[0].msg", org.hamcrest.Matchers.containsString("launch-rocket"));
    }

    @Test
    void missingNameIs422() {
        given().contentType(ContentType.JSON).body(PINGED.replace("\"name\": \"pinged twice\",", ""))
                .when().post("/api/automations/")
                .then().statusCode(422).body("exception_detail[0].loc", equalTo(java.util.List.of("body", "name")));
    }

    @Test
    void workspacePrefixScopesTheAutomation() {
        String workspace = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + UUID.randomUUID();
        String id = create(workspace);
        given().when().get(workspace + "/automations/" + id).then().statusCode(200);
        given().when().get("/api/automations/" + id).then().statusCode(404);
        String otherWorkspace = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + UUID.randomUUID();
        given().when().get(otherWorkspace + "/automations/" + id).then().statusCode(404);
    }

    @Test
    void workspaceHeaderFromClientsIsIgnored() {
        String id = create("/api");
        given().header("X-Vigil-Workspace", UUID.randomUUID().toString())
                .when().get("/api/automations/" + id).then().statusCode(200);
    }

    @Test
    void deleteRemovesTheAutomation() {
        String id = create("/api");
        given().when().delete("/api/automations/" + id).then().statusCode(204);
        given().when().get("/api/automations/" + id).then().statusCode(404);
        given().when().delete("/api/automations/" + id).then().statusCode(404);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        // Ready once the automations are loaded, a moment after the start.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(CatalogReadiness.NAME));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
