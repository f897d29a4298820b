package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.vigil.evaluator.event.EventEvaluationService;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.Workspaces;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /automations/{id}/state} and {@code POST /automations/{id}/explain} against real Redis. */
@QuarkusTest
class AutomationInspectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    EventEvaluationService evaluation;

    private static String create(String name, String trigger) {
        return given().contentType(ContentType.JSON).body("""
                        {"name": "%s", "trigger": %s, "actions": [{"type": "do-nothing"}]}""".formatted(name, trigger))
                .post("/api/automations/").then().statusCode(201).extract().path("id");
    }

    private static String counting(String name, int threshold) {
        return """
                {"posture": "Reactive", "expect": ["%s"], "for_each": ["prefect.resource.id"],
                 "threshold": %d, "within": 600}""".formatted(name, threshold);
    }

    private void evaluate(String name, String resourceId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        evaluation.evaluate(Workspaces.DEFAULT, new ReceivedEvent(now, name, Resource.of(resourceId), List.of(),
                Map.of(), UUID.randomUUID(), null, now)).await().atMost(WAIT);
    }

    private static String eventJson(String name, String resourceId) {
        return """
                {"id": "%s", "occurred": "%s", "event": "%s", "resource": {"prefect.resource.id": "%s"}}"""
                .formatted(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC), name, resourceId);
    }

    @Test
    void stateListsEveryLiveBucketWithItsLabelsCountAndWindow() {
        String name = "inspect." + UUID.randomUUID();
        String id = create("state", counting(name, 5));
        evaluate(name, "svc.a");
        evaluate(name, "svc.a");
        evaluate(name, "svc.b");
        given().get("/api/automations/" + id + "/state").then().statusCode(200)
                .body("automation_id", equalTo(id))
                .body("enabled", equalTo(true))
                .body("buckets", hasSize(2))
                .body("buckets.find { it.bucket.'prefect.resource.id' == 'svc.a' }.count", equalTo(2))
                .body("buckets.find { it.bucket.'prefect.resource.id' == 'svc.b' }.count", equalTo(1))
                .body("buckets[0].threshold", equalTo(5))
                .body("buckets[0].posture", equalTo("Reactive"))
                .body("buckets[0].state", equalTo("Resolved"))
                .body("buckets[0].window_end", containsString("T"))
                .body("timers", hasSize(0));
    }

    @Test
    void aFiredReactiveBucketIsTriggeredWithATimerAtItsNextWindowEnd() {
        String name = "inspect." + UUID.randomUUID();
        String id = create("fired", counting(name, 1));
        evaluate(name, "svc.a");
        String windowEnd = given().get("/api/automations/" + id + "/state").then().statusCode(200)
                .body("buckets", hasSize(1))
                .body("buckets[0].state", equalTo("Triggered"))
                .body("buckets[0].count", equalTo(0))
                .body("timers", hasSize(1))
                .body("timers[0].bucket.'prefect.resource.id'", equalTo("svc.a"))
                .extract().path("buckets[0].window_end");
        String due = given().get("/api/automations/" + id + "/state").then().extract().path("timers[0].due");
        // Timers are kept to the millisecond (sorted-set scores).
        assertThat(Instant.parse(due).toEpochMilli()).isEqualTo(Instant.parse(windowEnd).toEpochMilli());
    }

    @Test
    void stateOfAnUnknownAutomationIs404() {
        given().get("/api/automations/" + UUID.randomUUID() + "/state").then().statusCode(404)
                .body("detail", equalTo("Automation not found"));
    }

    @Test
    void explainGivesAPerClauseVerdictAndChangesNothing() {
        String name = "inspect." + UUID.randomUUID();
        String id = create("explained", counting(name, 3));
        evaluate(name, "svc.a");
        given().contentType(ContentType.JSON).body(eventJson(name, "svc.a"))
                .post("/api/automations/" + id + "/explain").then().statusCode(200)
                .body("automation_id", equalTo(id))
                .body("outcome", equalTo("nothing"))
                .body("already_seen", equalTo(false))
                .body("triggers", hasSize(1))
                .body("triggers[0].expect.matched", equalTo(name))
                .body("triggers[0].after.matched", nullValue())
                .body("triggers[0].bucket.'prefect.resource.id'", equalTo("svc.a"))
                .body("triggers[0].bucket_before.count", equalTo(1))
                .body("triggers[0].bucket_after.count", equalTo(2))
                .body("triggers[0].threshold", equalTo(3))
                .body("triggers[0].outcome", equalTo("count"))
                .body("triggers[0].reason", containsString("count 2 of threshold 3"))
                .body("$", not(hasKey("composite")));
        given().get("/api/automations/" + id + "/state").then().statusCode(200)
                .body("buckets.count", contains(1));
    }

    @Test
    void explainNamesTheFailingMatchLabelAndTheValueSeen() {
        String name = "inspect." + UUID.randomUUID();
        String id = create("matching", """
                {"posture": "Reactive", "expect": ["%s"], "match": {"prefect.resource.id": ["svc.*", "!svc.secret"]},
                 "threshold": 1, "within": 60}""".formatted(name));
        given().contentType(ContentType.JSON).body(eventJson(name, "svc.secret"))
                .post("/api/automations/" + id + "/explain").then().statusCode(200)
                .body("triggers[0].match[0].label", equalTo("prefect.resource.id"))
                .body("triggers[0].match[0].values_seen", contains("svc.secret"))
                .body("triggers[0].match[0].pass", equalTo(false))
                .body("triggers[0].outcome", equalTo("nothing"));
        given().contentType(ContentType.JSON).body(eventJson(name, "svc.ok"))
                .post("/api/automations/" + id + "/explain").then().statusCode(200)
                .body("triggers[0].outcome", equalTo("fire"))
                .body("outcome", equalTo("fire"));
    }

    @Test
    void explainOnACompoundShowsEachChildsVerdictAndTheChildFiringHeldInRedis() {
        String approved = "inspect.approved." + UUID.randomUUID();
        String tested = "inspect.tested." + UUID.randomUUID();
        String id = create("compound", """
                {"type": "compound", "require": "all", "within": 600, "triggers": [%s, %s]}"""
                .formatted(counting(approved, 1), counting(tested, 1)));
        evaluate(approved, "pr.1");
        given().contentType(ContentType.JSON).body(eventJson(tested, "pr.1"))
                .post("/api/automations/" + id + "/explain").then().statusCode(200)
                .body("outcome", equalTo("fire"))
                .body("triggers", hasSize(2))
                .body("composite.type", equalTo("compound"))
                .body("composite.require", equalTo("all"))
                .body("composite.required", equalTo(2))
                .body("composite.held_before", hasSize(1))
                .body("composite.outcome", equalTo("fire"))
                .body("composite.children", hasSize(2))
                .body("composite.children[0].expect.matched", nullValue())
                .body("composite.children[0].outcome", equalTo("nothing"))
                .body("composite.children[1].expect.matched", equalTo(tested))
                .body("composite.children[1].outcome", equalTo("fire"));
    }

    @Test
    void explainForAnUnknownAutomationIs404() {
        given().contentType(ContentType.JSON).body(eventJson("x", "y"))
                .post("/api/automations/" + UUID.randomUUID() + "/explain").then().statusCode(404);
    }

    @Test
    void explainRefusesAnEventWithoutOccurredOrResource() {
        String id = create("refusing", counting("x", 1));
        given().contentType(ContentType.JSON).body("""
                        {"id": "%s", "event": "x", "resource": {"prefect.resource.id": "r"}}""".formatted(UUID.randomUUID()))
                .post("/api/automations/" + id + "/explain").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", "occurred"));
        given().contentType(ContentType.JSON).body("""
                        {"id": "%s", "event": "x", "occurred": "2026-01-01T00:00:00Z", "resource": {}}"""
                        .formatted(UUID.randomUUID()))
                .post("/api/automations/" + id + "/explain").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", "resource", "prefect.resource.id"));
        given().contentType(ContentType.JSON).body("{\"occurred\": \"yesterday\"}")
                .post("/api/automations/" + id + "/explain").then().statusCode(422);
    }
}
