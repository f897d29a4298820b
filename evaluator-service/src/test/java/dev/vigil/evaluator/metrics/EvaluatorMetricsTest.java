package dev.vigil.evaluator.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.VigilJson;
import dev.vigil.testsupport.kafka.Records;
import dev.vigil.testsupport.kafka.TopicReader;
import dev.vigil.testsupport.metrics.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's metrics at {@code /q/metrics}: events evaluated and firings by state move when events fire an
 * automation; the state gauges (buckets, timers, outbox) and the consumer lag are read and exported.
 */
@QuarkusTest
class EvaluatorMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EVALUATED = "vigil_events_evaluated_total";
    private static final String FIRINGS = "vigil_firings_total";
    private static final Map<String, String> TRIGGERED = Map.of("state", "triggered");

    private static final String AUTOMATION = """
            {"name": "metrics", "trigger": {"type": "event", "expect": ["metrics.pinged"],
              "match": {"prefect.resource.id": "RESOURCE"}, "posture": "Reactive", "threshold": 2, "within": 600},
             "actions": [{"type": "do-nothing"}]}
            """;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void evaluatedEventsAndFiringsAreCountedAndTheStateIsGauged() throws Exception {
        String resource = "metrics." + UUID.randomUUID();
        String automationId = given().contentType(ContentType.JSON).body(AUTOMATION.replace("RESOURCE", resource))
                .post("/api/automations/").then().statusCode(201).extract().path("id");
        Scrape before = Scrape.now();
        try (TopicReader actions = new TopicReader(bootstrap, "actions")) {
            // Five events: the second fires; the bucket holds the window (600 s) open for the rest.
            for (int i = 0; i < 5; i++) {
                Records.send(bootstrap, "events", resource, event(resource));
            }
            List<JsonNode> acted = actions.await(m -> automationId.equals(m.path("automation").path("id").asText()),
                    1, WAIT);
            assertThat(acted).hasSize(1);
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            Scrape after = Scrape.now();
            assertThat(after.value(EVALUATED) - before.value(EVALUATED)).isGreaterThanOrEqualTo(5);
            assertThat(after.value(FIRINGS, TRIGGERED) - before.value(FIRINGS, TRIGGERED)).isGreaterThanOrEqualTo(1);
            assertThat(after.value("vigil_buckets_live")).isGreaterThanOrEqualTo(1);
            assertThat(after.has("vigil_timers_armed", Map.of())).isTrue();
            assertThat(after.has("vigil_outbox_size", Map.of())).isTrue();
        });
        Scrape scrape = Scrape.now();
        assertThat(scrape.has("vigil_consumer_lag", Map.of("group", "reactive-triggers", "channel", "events-in")))
                .isTrue();
        assertThat(scrape.has("vigil_dead_letters_total", Map.of("channel", "events-in"))).isTrue();
        assertThat(scrape.has("vigil_firings_withheld_total", Map.of("reason", "storm"))).isTrue();
        assertThat(scrape.has("vigil_storm_brake_engaged_total", Map.of())).isTrue();
        assertThat(scrape.has("vigil_outbox_republished_total", Map.of())).isTrue();
        assertThat(scrape.text()).doesNotContain("m__");
    }

    private static String event(String resource) {
        return VigilJson.mapper().createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("occurred", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("received", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("event", "metrics.pinged")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("resource",
                        VigilJson.mapper().valueToTree(Map.of("prefect.resource.id", resource)))
                .toString();
    }
}
