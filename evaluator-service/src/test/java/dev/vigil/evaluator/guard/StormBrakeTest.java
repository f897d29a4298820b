package dev.vigil.evaluator.guard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.evaluator.support.WorkspaceHeader;
import dev.vigil.testsupport.kafka.TopicReader;
import dev.vigil.testsupport.kafka.TopicWriter;
import dev.vigil.testsupport.metrics.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The storm brake with a limit of 3 firings a minute: the first 3 are acted on, the 4th pauses the automation
 * with a reason the API shows and a {@code prefect.automation.updated} event; enabling it clears the reason.
 */
@QuarkusTest
@TestProfile(GuardLimits.class)
class StormBrakeTest {

    private static final int LIMIT = GuardLimits.FIRINGS_PER_MINUTE;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anAutomationFiringOverTheLimitIsPausedWithAVisibleReason() throws Exception {
        UUID workspace = UUID.randomUUID();
        String name = "storm.test." + UUID.randomUUID();
        String automationId = given().contentType(ContentType.JSON).body("""
                        {"name": "stormy", "trigger": {"posture": "Reactive", "expect": ["%s"], "threshold": 1,
                          "within": 0}, "actions": [{"type": "do-nothing"}]}""".formatted(name))
                .post(GuardLimits.path(workspace, "/automations/")).then().statusCode(201).extract().path("id");
        String resource = "prefect.automation." + automationId;
        try (TopicReader events = new TopicReader(bootstrap, "events");
             TopicWriter toEvents = new TopicWriter(bootstrap, "events");
             TopicReader actions = new TopicReader(bootstrap, "actions")) {
            for (int i = 0; i < LIMIT + 2; i++) {
                toEvents.send("r", GuardEvents.event(name, "r." + i, List.of()), WorkspaceHeader.of(workspace));
            }
            List<JsonNode> updated = events.await(e -> resource.equals(e.path("resource").path("prefect.resource.id")
                    .asText()) && "prefect.automation.updated".equals(e.path("event").asText()), 1, WAIT);
            assertThat(updated).singleElement().satisfies(e -> {
                assertThat(e.path("payload").path("enabled").asBoolean()).isFalse();
                assertThat(e.path("payload").path("paused_reason").asText()).contains("storm brake")
                        .contains("max-firings-per-minute");
            });
            List<JsonNode> acted = actions.await(m -> automationId.equals(m.path("automation").path("id").asText()),
                    LIMIT + 1, QUIET);
            assertThat(acted).hasSize(LIMIT);
        }
        Scrape metrics = Scrape.now();
        assertThat(metrics.value("vigil_storm_brake_engaged_total")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("vigil_firings_withheld_total", Map.of("reason", "storm"))).isGreaterThanOrEqualTo(2);
        given().get(GuardLimits.path(workspace, "/automations/" + automationId)).then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.is(false))
                .body("paused_reason", org.hamcrest.Matchers.containsString("fired more than " + LIMIT));

        given().contentType(ContentType.JSON).body("{\"enabled\": true}").patch(GuardLimits.path(workspace, "/automations/" + automationId))
                .then().statusCode(204);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get(GuardLimits.path(workspace, "/automations/" + automationId)).then()
                .body("enabled", org.hamcrest.Matchers.is(true)).body("paused_reason", nullValue()));
    }
}
