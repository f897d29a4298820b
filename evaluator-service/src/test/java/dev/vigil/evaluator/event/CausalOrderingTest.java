package dev.vigil.evaluator.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.Workspaces;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The live causal-ordering wait list, against real Redis. The trigger counts "closed" only after an
 * "opened" of the same resource, so the count shows whether a follower was evaluated after its leader.
 */
@QuarkusTest
class CausalOrderingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    EventEvaluationService evaluation;

    private static String automation(String prefix) {
        String trigger = """
                {"posture": "Reactive", "after": ["%s.opened"], "expect": ["%s.closed"],
                 "for_each": ["prefect.resource.id"], "threshold": 5, "within": 600}""".formatted(prefix, prefix);
        return given().contentType(ContentType.JSON).body("""
                        {"name": "causal", "trigger": %s, "actions": [{"type": "do-nothing"}]}""".formatted(trigger))
                .post("/api/automations/").then().statusCode(201).extract().path("id");
    }

    private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);

    /** A follower occurs a little after its leader, whatever order they arrive in. */
    private ReceivedEvent event(UUID id, String name, UUID follows) {
        OffsetDateTime occurred = follows == null ? start : start.plusSeconds(1);
        return new ReceivedEvent(occurred, name, Resource.of("door.1"), List.of(), Map.of(), id, follows,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    private void evaluate(ReceivedEvent event) {
        evaluation.evaluate(Workspaces.DEFAULT, event).await().atMost(WAIT);
    }

    @Test
    void aFollowerThatArrivesBeforeItsLeaderIsEvaluatedRightAfterIt() {
        String prefix = "causal." + UUID.randomUUID();
        String id = automation(prefix);
        UUID opened = UUID.randomUUID();
        evaluate(event(UUID.randomUUID(), prefix + ".closed", opened));
        // Held back: nothing counted, no bucket yet.
        given().get("/api/automations/" + id + "/state").then().statusCode(200).body("buckets", hasSize(0));
        evaluate(event(opened, prefix + ".opened", null));
        given().get("/api/automations/" + id + "/state").then().statusCode(200).body("buckets.count", contains(1));
    }

    @Test
    void aFollowerOfAnEventAlreadyEvaluatedIsNotHeld() {
        String prefix = "causal." + UUID.randomUUID();
        String id = automation(prefix);
        UUID opened = UUID.randomUUID();
        evaluate(event(opened, prefix + ".opened", null));
        evaluate(event(UUID.randomUUID(), prefix + ".closed", opened));
        given().get("/api/automations/" + id + "/state").then().statusCode(200).body("buckets.count", contains(1));
    }

    @Test
    void aFollowerOfAnEventNoTriggerLooksAtIsNotHeld() {
        String prefix = "causal." + UUID.randomUUID();
        String id = automation(prefix);
        UUID unrelated = UUID.randomUUID();
        evaluate(event(UUID.randomUUID(), prefix + ".opened", null));
        // Touches no state, yet its commit marks it evaluated.
        evaluate(event(unrelated, "unrelated." + UUID.randomUUID(), null));
        evaluate(event(UUID.randomUUID(), prefix + ".closed", unrelated));
        given().get("/api/automations/" + id + "/state").then().statusCode(200).body("buckets.count", contains(1));
    }

    @Test
    void aFollowerWhoseLeaderNeverComesIsEvaluatedWhenItsWaitIsOver() {
        String prefix = "causal." + UUID.randomUUID();
        String id = automation(prefix);
        evaluate(event(UUID.randomUUID(), prefix + ".opened", null));
        evaluate(event(UUID.randomUUID(), prefix + ".closed", UUID.randomUUID()));
        given().get("/api/automations/" + id + "/state").then().statusCode(200).body("buckets.count", contains(0));
        // The test profile bounds the wait at 3 s; the sweep then evaluates it.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/automations/" + id + "/state")
                .then().statusCode(200).body("buckets.count", contains(1)));
    }
}
