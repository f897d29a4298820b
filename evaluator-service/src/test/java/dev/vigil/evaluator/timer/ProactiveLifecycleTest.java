package dev.vigil.evaluator.timer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testsupport.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A silent proactive automation's windows across switching it off and on (issue 15 §1). */
@QuarkusTest
class ProactiveLifecycleTest {

    private static final Duration FIRING_WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aProactiveAutomationSwitchedOffPastItsWindowEndAndOnAgainFiresAgain() {
        String automation = """
                {"name": "silent on and off", "trigger": {"posture": "Proactive", "expect": ["heartbeat.%s"],
                  "threshold": 1, "within": 10}, "actions": [{"type": "do-nothing"}]}""".formatted(UUID.randomUUID());
        // Another automation keeps the workspace in the index while this one is off, so its timers are swept
        // (a workspace with no enabled automation is not): the case where the window was lost.
        given().contentType(ContentType.JSON).body("""
                {"name": "keeps the workspace swept", "trigger": {"posture": "Reactive", "expect": ["never.%s"],
                  "threshold": 1, "within": 0}, "actions": [{"type": "do-nothing"}]}""".formatted(UUID.randomUUID()))
                .post("/api/automations/").then().statusCode(201);
        try (TopicReader actions = new TopicReader(bootstrap, "actions")) {
            String id = given().contentType(ContentType.JSON).body(automation)
                    .post("/api/automations/").then().statusCode(201).extract().path("id");
            actions.awaitFirst(ofAutomation(id), FIRING_WAIT);

            setEnabled(id, false);
            // Past a window end while off: the window's timer comes due and is disarmed, as its trigger is gone.
            await().atMost(FIRING_WAIT).until(() -> given().get("/api/automations/" + id + "/state")
                    .then().statusCode(200).extract().jsonPath().getList("timers").isEmpty());
            // Past everything published so far, so the next firing read is one made after switching it on.
            actions.readToEnd(ofAutomation(id));

            setEnabled(id, true);
            List<JsonNode> afterOn = actions.await(ofAutomation(id), 1, FIRING_WAIT);

            assertThat(afterOn).as("a firing after switching it on again").hasSize(1);
        }
    }

    private static void setEnabled(String id, boolean enabled) {
        given().contentType(ContentType.JSON).body("{\"enabled\": " + enabled + "}")
                .patch("/api/automations/" + id).then().statusCode(204);
    }

    private static Predicate<JsonNode> ofAutomation(String automationId) {
        return message -> automationId.equals(message.path("automation").path("id").asText());
    }
}
