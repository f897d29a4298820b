package dev.vigil.evaluator.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.VigilJson;
import dev.vigil.testsupport.RedisOutage;
import dev.vigil.testsupport.kafka.TopicReader;
import dev.vigil.testsupport.kafka.TopicWriter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Events that arrive while Redis cannot be reached are evaluated once it is back, not dead-lettered:
 * the evaluator reaches Redis through a proxy that the test cuts.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisOutage.class, restrictToAnnotatedClass = true)
class RedisOutageTest {

    private static final int EVENTS = 3;
    /** Long enough for the consumer to poll the events and fail on Redis. */
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    private static final String AUTOMATION = """
            {"name": "outage", "trigger": {"type": "event", "expect": ["external.resource.pinged"],
              "match": {"prefect.resource.id": "RESOURCE.*"}, "for_each": ["prefect.resource.id"],
              "posture": "Reactive", "threshold": 1, "within": 60},
             "actions": [{"type": "do-nothing"}]}
            """;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void eventsThatCameWhileRedisWasDownAreEvaluatedWhenItIsBack() throws Exception {
        String prefix = "outage." + UUID.randomUUID();
        String automationId = given().contentType(ContentType.JSON).body(AUTOMATION.replace("RESOURCE", prefix))
                .post("/api/automations/").then().statusCode(201).extract().path("id");

        try (TopicReader actions = new TopicReader(bootstrap, "actions");
             TopicReader events = new TopicReader(bootstrap, "events");
             TopicWriter toEvents = new TopicWriter(bootstrap, "events")) {
            RedisOutage.cut();
            try {
                for (int i = 0; i < EVENTS; i++) {
                    toEvents.send(prefix, event(prefix + "." + i));
                }
                Thread.sleep(OUTAGE.toMillis());
            } finally {
                RedisOutage.restore();
            }

            List<JsonNode> fired = actions.await(
                    message -> automationId.equals(message.path("automation").path("id").asText()),
                    EVENTS, Duration.ofSeconds(30));
            Set<String> resources = new HashSet<>();
            fired.forEach(message -> resources.add(message.path("event").path("resource")
                    .path("prefect.resource.id").asText()));
            assertThat(resources).containsExactlyInAnyOrder(prefix + ".0", prefix + ".1", prefix + ".2");
        }
    }

    private static String event(String resourceId) {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        return VigilJson.mapper().createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("occurred", now)
                .put("received", now)
                .put("event", "external.resource.pinged")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("resource",
                        VigilJson.mapper().valueToTree(Map.of("prefect.resource.id", resourceId)))
                .toString();
    }
}
