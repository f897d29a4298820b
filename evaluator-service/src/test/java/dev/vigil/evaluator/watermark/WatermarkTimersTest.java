package dev.vigil.evaluator.watermark;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.evaluator.event.EventConsumer;
import dev.vigil.evaluator.support.OutboxBarrier;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.Topics;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.testsupport.kafka.TopicReader;
import dev.vigil.testsupport.kafka.TopicWriter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Proactive timers fire on the event-time watermark: while the evaluator lags behind the {@code events}
 * topic (its channel paused), a window whose expected event waits in the topic does not fire when its wall
 * end passes, and once the event is evaluated it never does; a window whose event never came fires once, through
 * the timer poll. Real Kafka and Redis.
 */
@QuarkusTest
class WatermarkTimersTest {

    /** Prefect's shortest proactive window. */
    private static final int WINDOW_SECONDS = 10;
    /** Past the window's wall end by far more than the timer poll (250 ms), so a wall-clock timer would have fired. */
    private static final Duration PAST_THE_END = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RedisDataSource redis;

    @Inject
    ChannelRegistry channels;

    private static String automation(String prefix) {
        String body = """
                {"name": "watermark", "trigger": {"posture": "Proactive", "after": ["job.started"],
                  "expect": ["job.finished"], "for_each": ["prefect.resource.id"],
                  "match": {"prefect.resource.id": "%s.*"}, "threshold": 1, "within": %d},
                 "actions": [{"type": "do-nothing"}]}""".formatted(prefix, WINDOW_SECONDS);
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/automations/").then().statusCode(201).extract().path("id");
    }

    @Test
    void aWindowWhoseExpectedEventWaitsInTheTopicDoesNotFireWhileTheEvaluatorLags() throws Exception {
        String prefix = "watermark." + UUID.randomUUID();
        String resource = prefix + ".job";
        String id = automation(prefix);
        PausableChannel channel = channels.getPausable(EventConsumer.CHANNEL);
        assertThat(channel).as("%test makes events-in pausable").isNotNull();
        try (TopicReader events = new TopicReader(bootstrap, Topics.EVENTS);
             TopicWriter toEvents = new TopicWriter(bootstrap, Topics.EVENTS);
             TopicReader actions = new TopicReader(bootstrap, Topics.ACTIONS)) {
            toEvents.send(resource, event("job.started", resource));
            Instant windowEnd = armedTimer(id);

            channel.pause();
            try {
                toEvents.send(resource, event("job.finished", resource));
                Duration untilPastTheEnd = Duration.between(Instant.now(), windowEnd.plus(PAST_THE_END));
                assertThat(actions.await(forAutomation(id), 1, untilPastTheEnd)).as("no firing while lagging").isEmpty();
                assertThat(state(id).getList("timers")).as("the timer waits for the watermark").hasSize(1);
            } finally {
                channel.resume();
            }

            // Evaluated now: the window met its threshold, so its end forgets the bucket without firing.
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath state = state(id);
                assertThat(state.getList("buckets")).isEmpty();
                assertThat(state.getList("timers")).isEmpty();
            });
            // Nothing left to fire, and nothing committed and not yet on the topic: a firing would be in it now.
            OutboxBarrier.awaitNoEntryMentions(redis, Workspaces.DEFAULT, id, WAIT);
            assertThat(actions.readToEnd(forAutomation(id))).as("no firing after catching up").isEmpty();
        }
    }

    @Test
    void aWindowWhoseExpectedEventNeverCameFiresOnceThroughTheTimerPoll() throws Exception {
        double republishedBefore = OutboxBarrier.republished();
        String prefix = "watermark." + UUID.randomUUID();
        String resource = prefix + ".job";
        String id = automation(prefix);
        try (TopicReader events = new TopicReader(bootstrap, Topics.EVENTS);
             TopicWriter toEvents = new TopicWriter(bootstrap, Topics.EVENTS);
             TopicReader actions = new TopicReader(bootstrap, Topics.ACTIONS)) {
            toEvents.send(resource, event("job.started", resource));
            Instant windowEnd = armedTimer(id);

            List<JsonNode> fired = actions.await(forAutomation(id), 1, WAIT);
            // A figure for the record, not an assertion: the lateness target (W4's 1 s) is a benchmark's.
            System.out.printf("watermark-lateness: action message read %d ms after the window ended%n",
                    System.currentTimeMillis() - windowEnd.toEpochMilli());
            assertThat(fired).singleElement().satisfies(message -> {
                assertThat(message.path("firing").path("trigger_state").asText()).isEqualTo("Triggered");
                // The timer's score is in milliseconds; the window's end may carry finer digits.
                assertThat(OffsetDateTime.parse(message.path("firing").path("triggered").asText()).toInstant())
                        .isBetween(windowEnd.minusMillis(1), windowEnd.plusMillis(1));
            });
            // Published by the timer poll, not held (by the watermark, say) until the outbox sweep publishes it one
            // lease later: once the timer is gone and no entry holds a firing of the automation, nothing more can
            // fire or be published, and a firing the sweep published would have been counted.
            await().atMost(WAIT).until(() -> state(id).getList("timers").isEmpty());
            OutboxBarrier.awaitNoEntryMentions(redis, Workspaces.DEFAULT, id, WAIT);
            assertThat(OutboxBarrier.republished()).as("firings the outbox sweep republished")
                    .isEqualTo(republishedBefore);
            assertThat(actions.readToEnd(forAutomation(id))).as("fired once").isEmpty();
        }
    }

    /** Waits for the "after" event to open the window; returns the window's end. */
    private static Instant armedTimer(String id) {
        return await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> timers = state(id).getList("timers");
            return timers.isEmpty() ? null : Instant.parse((String) timers.get(0).get("due"));
        }, due -> due != null);
    }

    private static JsonPath state(String id) {
        return given().get("/api/automations/" + id + "/state").then().statusCode(200).extract().jsonPath();
    }

    private static java.util.function.Predicate<JsonNode> forAutomation(String id) {
        return node -> id.equals(node.path("automation").path("id").asText());
    }

    private static String event(String name, String resource) {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        return VigilJson.mapper().createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("occurred", now)
                .put("received", now)
                .put("event", name)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("resource",
                        VigilJson.mapper().valueToTree(Map.of("prefect.resource.id", resource)))
                .toString();
    }
}
