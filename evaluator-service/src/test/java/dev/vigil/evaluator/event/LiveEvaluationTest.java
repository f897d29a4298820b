package dev.vigil.evaluator.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.evaluator.support.OutboxBarrier;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.testsupport.kafka.Records;
import dev.vigil.testsupport.kafka.TopicReader;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Events on the real {@code events} topic, evaluated with real Redis, produce action messages on {@code actions}. */
@QuarkusTest
class LiveEvaluationTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RedisDataSource redis;

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String KEY = "key";

    private static final String SENTINEL = """
            {"name": "sentinel", "trigger": {"type": "event", "expect": ["external.resource.sentinel"],
              "match": {"prefect.resource.id": "RESOURCE"}, "posture": "Reactive", "threshold": 1, "within": 0},
             "actions": [{"type": "do-nothing"}]}
            """;

    private static final String AUTOMATION = """
            {"name": "live", "trigger": {"type": "event", "expect": ["external.resource.pinged"],
              "match": {"prefect.resource.id": "RESOURCE.*"}, "posture": "Reactive", "threshold": 2, "within": 60},
             "actions": [{"type": "do-nothing"}],
             "actions_on_trigger": [{"type": "do-nothing"}]}
            """;

    @Test
    void twoMatchingEventsFireOnceAndPublishEveryAction() throws Exception {
        String prefix = "live." + UUID.randomUUID();
        String automationId = given().contentType(ContentType.JSON).body(AUTOMATION.replace("RESOURCE", prefix))
                .post("/api/automations/").then().statusCode(201).extract().path("id");

        try (TopicReader actions = new TopicReader(bootstrap, "actions")) {
            UUID first = UUID.randomUUID();
            send(event(first, "external.resource.pinged", prefix + ".1"));
            send(event(first, "external.resource.pinged", prefix + ".1"));
            send(event(UUID.randomUUID(), "external.resource.ignored", prefix + ".1"));
            UUID second = UUID.randomUUID();
            send(event(second, "external.resource.pinged", prefix + ".1"));

            List<JsonNode> messages = actions.await(ofAutomation(automationId), 2, Duration.ofSeconds(30));
            assertThat(messages).hasSize(2);
            JsonNode message = messages.get(0);
            assertThat(message.path("action_index").asInt()).isZero();
            assertThat(message.path("event").path("id").asText()).isEqualTo(second.toString());
            assertThat(message.path("idempotency_key").asText()).endsWith(":0");
            JsonNode onTrigger = messages.get(1);
            assertThat(onTrigger.path("action_index").asInt()).isEqualTo(1);
            assertThat(onTrigger.path("event").path("event").asText()).isEqualTo("prefect.automation.triggered");
            // Nothing more: the duplicate id was counted once, the other name ignored.
            awaitSentinel(actions);
            assertThat(actions.readToEnd(ofAutomation(automationId))).isEmpty();
        }
    }

    @Test
    void aCompoundAutomationFiresOnceWhenAllItsChildrenHaveFired() throws Exception {
        String prefix = "compound." + UUID.randomUUID();
        String automation = """
                {"name": "both", "trigger": {"type": "compound", "require": "all", "within": 600, "triggers": [
                   {"posture": "Reactive", "expect": ["external.resource.pinged"],
                    "match": {"prefect.resource.id": "RESOURCE.*"}},
                   {"posture": "Reactive", "expect": ["external.resource.replied"],
                    "match": {"prefect.resource.id": "RESOURCE.*"}}]},
                 "actions": [{"type": "do-nothing"}]}""".replace("RESOURCE", prefix);
        String automationId = given().contentType(ContentType.JSON).body(automation)
                .post("/api/automations/").then().statusCode(201).extract().path("id");
        try (TopicReader actions = new TopicReader(bootstrap, "actions")) {
            send(event(UUID.randomUUID(), "external.resource.pinged", prefix + ".1"));
            awaitSentinel(actions);
            assertThat(actions.readToEnd(ofAutomation(automationId))).as("not fired on one child").isEmpty();
            UUID reply = UUID.randomUUID();
            send(event(reply, "external.resource.replied", prefix + ".1"));
            List<JsonNode> messages = actions.await(ofAutomation(automationId), 1, Duration.ofSeconds(30));
            assertThat(messages).singleElement().satisfies(m -> {
                assertThat(m.path("event").path("id").asText()).isEqualTo(reply.toString());
                assertThat(m.path("firings")).hasSize(3);
                assertThat(m.path("events")).hasSize(3);
            });
        }
    }

    @Test
    void aSilentProactiveAutomationFiresAtItsWindowEndThroughRedisTimers() throws Exception {
        double republishedBefore = OutboxBarrier.republished();
        String heartbeat = "heartbeat." + UUID.randomUUID();
        String automation = """
                {"name": "silent", "trigger": {"posture": "Proactive", "expect": ["%s"], "threshold": 1,
                  "within": 10}, "actions": [{"type": "do-nothing"}]}""".formatted(heartbeat);
        try (TopicReader actions = new TopicReader(bootstrap, "actions")) {
            String automationId = given().contentType(ContentType.JSON).body(automation)
                    .post("/api/automations/").then().statusCode(201).extract().path("id");
            List<JsonNode> messages = actions.await(ofAutomation(automationId), 1, Duration.ofSeconds(40));
            assertThat(messages).singleElement().satisfies(m -> {
                assertThat(m.path("firing").path("trigger_id").asText()).isNotEmpty();
                assertThat(m.path("event").isNull()).isTrue();
            });
            // A figure for the record, not an assertion: the lateness target (within a second) is a benchmark's.
            System.out.printf("proactive-lateness: action message read %d ms after the window ended%n",
                    System.currentTimeMillis() - OffsetDateTime.parse(
                            messages.get(0).path("firing").path("triggered").asText()).toInstant().toEpochMilli());
            String firing = messages.get(0).path("firing").path("id").asText();
            // Published by the timer poll, not left to the outbox sweep one lease later: once no entry holds the
            // firing, the sweep can no longer publish it, and had it published it, it would have counted it.
            OutboxBarrier.awaitNoEntryMentions(redis, Workspaces.DEFAULT, firing, WAIT);
            assertThat(OutboxBarrier.republished()).as("firings the outbox sweep republished")
                    .isEqualTo(republishedBefore);
            assertThat(actions.readToEnd(m -> firing.equals(m.path("firing").path("id").asText())))
                    .as("published once").isEmpty();
        }
    }

    @Test
    void aResolvedFiringPublishesActionsOnResolveAfterTheResolvedStateEvent() throws Exception {
        String heartbeat = "heartbeat." + UUID.randomUUID();
        String automation = """
                {"name": "resolving", "trigger": {"posture": "Proactive", "expect": ["%s"], "threshold": 1,
                  "within": 10}, "actions": [], "actions_on_trigger": [{"type": "do-nothing"}],
                  "actions_on_resolve": [{"type": "do-nothing"}]}""".formatted(heartbeat);
        try (TopicReader actions = new TopicReader(bootstrap, "actions");
             TopicReader events = new TopicReader(bootstrap, "events")) {
            String automationId = given().contentType(ContentType.JSON).body(automation)
                    .post("/api/automations/").then().statusCode(201).extract().path("id");
            List<JsonNode> triggered = actions.await(ofAutomation(automationId), 1, Duration.ofSeconds(40));
            assertThat(triggered).singleElement().satisfies(m ->
                    assertThat(m.path("firing").path("trigger_state").asText()).isEqualTo("Triggered"));

            UUID beat = UUID.randomUUID();
            send(event(beat, heartbeat, "svc." + automationId));
            List<JsonNode> resolved = actions.await(ofAutomation(automationId), 1, Duration.ofSeconds(30));
            assertThat(resolved).singleElement().satisfies(m -> {
                assertThat(m.path("firing").path("trigger_state").asText()).isEqualTo("Resolved");
                assertThat(m.path("action_index").asInt()).isZero();
                assertThat(m.path("idempotency_key").asText())
                        .isEqualTo(m.path("firing").path("id").asText() + ":0");
                assertThat(m.path("event").path("event").asText()).isEqualTo("prefect.automation.resolved");
                assertThat(m.path("firing").path("triggering_event").path("id").asText()).isEqualTo(beat.toString());
            });
            String stateEventId = resolved.get(0).path("automation_triggered_event_id").asText();
            String resource = "prefect.automation." + automationId;
            assertThat(events.await(e -> "prefect.automation.resolved".equals(e.path("event").asText())
                    && resource.equals(e.path("resource").path("prefect.resource.id").asText()), 1,
                    Duration.ofSeconds(30))).extracting(e -> e.path("id").asText()).contains(stateEventId);
        }
    }

    @Test
    void aFiredReactiveBucketResolvesThroughARedisTimerWhenItsNextWindowStaysQuiet() throws Exception {
        String prefix = "quiet." + UUID.randomUUID();
        String automation = """
                {"name": "quiet", "trigger": {"posture": "Reactive", "expect": ["external.resource.pinged"],
                  "match": {"prefect.resource.id": "%s.*"}, "threshold": 1, "within": 3},
                 "actions": [], "actions_on_trigger": [{"type": "do-nothing"}],
                 "actions_on_resolve": [{"type": "do-nothing"}]}""".formatted(prefix);
        String automationId = given().contentType(ContentType.JSON).body(automation)
                .post("/api/automations/").then().statusCode(201).extract().path("id");
        try (TopicReader actions = new TopicReader(bootstrap, "actions")) {
            send(event(UUID.randomUUID(), "external.resource.pinged", prefix + ".1"));
            List<JsonNode> messages = actions.await(ofAutomation(automationId), 2, Duration.ofSeconds(40));
            assertThat(messages).extracting(m -> m.path("firing").path("trigger_state").asText())
                    .containsExactly("Triggered", "Resolved");
            OffsetDateTime fired = OffsetDateTime.parse(messages.get(0).path("firing").path("triggered").asText());
            OffsetDateTime resolved = OffsetDateTime.parse(messages.get(1).path("firing").path("triggered").asText());
            // Fired in the window ending 3 s after the ping; the next window, 3 s long, resolves it at its end.
            assertThat(Duration.between(fired, resolved)).isEqualTo(Duration.ofSeconds(6));
            assertThat(messages.get(1).path("event").path("event").asText()).isEqualTo("prefect.automation.resolved");
        }
    }

    private static String event(UUID id, String name, String resourceId) {
        return VigilJson.mapper().createObjectNode()
                .put("id", id.toString())
                .put("occurred", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("received", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("event", name)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("resource",
                        VigilJson.mapper().valueToTree(Map.of("prefect.resource.id", resourceId)))
                .toString();
    }

    private void send(String json) {
        // One key: every event of these tests is on one partition, evaluated in the order sent.
        Records.send(bootstrap, "events", KEY, json);
    }

    /**
     * Barrier, not a pause: fires an automation of its own on a sentinel event sent now, after the events under
     * test and on their partition, so evaluated after them; once its action message is out, an action those
     * events caused is on the {@code actions} topic too, and {@link TopicReader#readToEnd} sees it.
     */
    private void awaitSentinel(TopicReader actions) {
        String resource = "sentinel." + UUID.randomUUID();
        String sentinelId = given().contentType(ContentType.JSON).body(SENTINEL.replace("RESOURCE", resource))
                .post("/api/automations/").then().statusCode(201).extract().path("id");
        send(event(UUID.randomUUID(), "external.resource.sentinel", resource));
        actions.awaitFirst(ofAutomation(sentinelId), Duration.ofSeconds(30));
    }

    private static Predicate<JsonNode> ofAutomation(String automationId) {
        return message -> automationId.equals(message.path("automation").path("id").asText());
    }
}
