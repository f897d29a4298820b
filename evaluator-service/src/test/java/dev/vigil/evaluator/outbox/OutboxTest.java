package dev.vigil.evaluator.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.evaluator.action.FiringPublisher;
import dev.vigil.evaluator.action.StateEvents;
import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.event.CausalOrdering;
import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.event.EventEvaluationService;
import dev.vigil.evaluator.metric.FlowRunRepository;
import dev.vigil.evaluator.metric.MetricRecorder;
import dev.vigil.evaluator.state.OutboxEntry;
import dev.vigil.evaluator.state.RedisStateRepository;
import dev.vigil.evaluator.support.OutboxBarrier;
import dev.vigil.evaluator.support.WorkspaceHeader;
import dev.vigil.evaluator.trace.EventTraces;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.json.VigilJson;
import dev.vigil.support.trace.Traces;
import dev.vigil.testsupport.kafka.TopicReader;
import dev.vigil.testsupport.kafka.TopicReader.Received;
import dev.vigil.testsupport.metrics.Scrape;
import dev.vigil.testsupport.kafka.TopicWriter;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The outbox against the real Redis and Kafka: a firing committed but never published (its publisher
 * failed, or its process died) is published by the recovery sweep with the ids it was committed with;
 * a firing published normally leaves nothing behind and is not published again, its entry removed with
 * the next batch's state read.
 */
@QuarkusTest
class OutboxTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String REPUBLISHED = "vigil_outbox_republished_total";
    private static final String AUTOMATION = """
            {"name": "outbox", "trigger": {"posture": "Reactive", "expect": ["NAME"],
              "for_each": ["prefect.resource.id"], "threshold": 1, "within": 60},
             "actions": [{"type": "do-nothing"}, {"type": "do-nothing"}],
             "actions_on_trigger": [{"type": "do-nothing"}]}""";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    dev.vigil.evaluator.guard.BucketQuota bucketQuota;

    @Inject
    EventEvaluationService evaluation;

    @Inject
    FiringOutbox outbox;

    @Inject
    EvaluatorConfig config;

    @Inject
    RedisDataSource redis;

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    OutboxCodec codec;

    @Inject
    AutomationCatalog catalog;

    @Inject
    RedisStateRepository state;

    @Inject
    FiringDelivery delivery;

    @Inject
    CausalOrdering causal;

    @Inject
    EventTraces eventTraces;

    @Test
    void aCommittedFiringWhosePublishingFailedIsPublishedByTheSweepWithItsCommittedIds() throws Exception {
        UUID workspace = UUID.randomUUID();
        String name = "outbox." + UUID.randomUUID();
        String automationId = createAutomation(workspace, name);
        try (TopicReader actions = new TopicReader(bootstrap, "actions");
             TopicReader events = new TopicReader(bootstrap, "events");
             TopicWriter toEvents = new TopicWriter(bootstrap, "events")) {
            Committed committed = evaluation.evaluateAndCommit(List.of(new WorkspaceEvent(workspace, event(name))))
                    .await().atMost(AWAIT);
            assertThat(committed.firings()).hasSize(1);
            assertThat(outboxIds(workspace)).containsExactly(committed.outbox().get(0).id());

            // The broker refuses the firing: the caller goes on, and the entry stays for the sweep.
            FiringDelivery failing = new FiringDelivery(new RefusingPublisher(), outbox);
            assertThat(failing.publish(committed).await().atMost(AWAIT)).isEmpty();
            assertThat(outboxIds(workspace)).containsExactly(committed.outbox().get(0).id());

            AutomationFiring fired = committed.firings().get(0);
            Firing firing = fired.firing();
            String stateEventId = StateEvents.stateChange(fired.automation(), firing).id().toString();
            List<JsonNode> messages = actions.await(ofAutomation(automationId), 3, AWAIT);
            assertThat(messages).extracting(m -> m.path("idempotency_key").asText())
                    .containsExactly(firing.id() + ":0", firing.id() + ":1", firing.id() + ":2");
            assertThat(messages).extracting(m -> m.path("automation_triggered_event_id").asText())
                    .containsOnly(stateEventId);
            assertThat(events.await(e -> stateEventId.equals(e.path("id").asText()), 1, AWAIT))
                    .singleElement().satisfies(e ->
                            assertThat(e.path("event").asText()).isEqualTo("prefect.automation.triggered"));
            await().atMost(AWAIT).until(() -> outboxIds(workspace).isEmpty() && entryKeys(workspace).isEmpty());
        }
    }

    /**
     * Its first publication failed, and the sweep republishes it: its state event and action messages carry the
     * trace context of the event that triggered it in their headers, and the messages in {@code traceparent}, as
     * the first publication would have (tracing is off in the tests, so the context is carried on unchanged).
     */
    @Test
    void aRepublishedFiringContinuesTheTraceOfTheEventThatTriggeredIt() throws Exception {
        UUID workspace = UUID.randomUUID();
        String name = "outbox." + UUID.randomUUID();
        String automationId = createAutomation(workspace, name);
        double republishedBefore = Scrape.now().value(REPUBLISHED);
        try (TopicReader actions = new TopicReader(bootstrap, "actions");
             TopicReader events = new TopicReader(bootstrap, "events")) {
            ReceivedEvent event = event(name);
            // As the consumer does for a batch: the context each event arrived with, known while it is evaluated.
            List<UUID> remembered = eventTraces.remember(List.<KafkaRecord<String, ReceivedEvent>>of(
                    KafkaRecord.of(name, event).withHeader(Traces.HEADER, TRACEPARENT)));
            Committed committed;
            try {
                committed = evaluation.evaluateAndCommit(List.of(new WorkspaceEvent(workspace, event)))
                        .await().atMost(AWAIT);
            } finally {
                eventTraces.forget(remembered);
            }
            assertThat(new FiringDelivery(new RefusingPublisher(), outbox).publish(committed).await().atMost(AWAIT))
                    .as("the first publication failed").isEmpty();

            AutomationFiring fired = committed.firings().get(0);
            String stateEventId = StateEvents.stateChange(fired.automation(), fired.firing()).id().toString();
            for (int index = 0; index < 3; index++) {
                String key = fired.firing().id() + ":" + index;
                Received message = actions.awaitReceived(m -> key.equals(m.path("idempotency_key").asText()), AWAIT);
                assertThat(message.header(Traces.HEADER)).as("header of " + key).isEqualTo(TRACEPARENT);
                assertThat(message.value().path("traceparent").asText()).as("traceparent of " + key)
                        .isEqualTo(TRACEPARENT);
            }
            assertThat(events.awaitReceived(e -> stateEventId.equals(e.path("id").asText()), AWAIT)
                    .header(Traces.HEADER)).as("the state event's header").isEqualTo(TRACEPARENT);
            assertThat(actions.seen(ofAutomation(automationId))).hasSize(3);
        }
        assertThat(Scrape.now().value(REPUBLISHED)).as("firings republished").isGreaterThan(republishedBefore);
    }

    @Test
    void aFiringPublishedByTheLiveConsumerLeavesNoEntryAndIsNotPublishedAgain() throws Exception {
        UUID workspace = UUID.randomUUID();
        String name = "outbox." + UUID.randomUUID();
        String automationId = createAutomation(workspace, name);
        try (TopicReader actions = new TopicReader(bootstrap, "actions");
             TopicReader events = new TopicReader(bootstrap, "events");
             TopicWriter toEvents = new TopicWriter(bootstrap, "events")) {
            toEvents.send(name, VigilJson.mapper().writeValueAsString(event(name)), WorkspaceHeader.of(workspace));
            assertThat(actions.await(ofAutomation(automationId), 3, AWAIT)).hasSize(3);
            // An entry left behind would be claimed one lease after the commit and published again before its
            // removal: once the workspace's outbox is empty, such a duplicate is on the topic.
            await().atMost(AWAIT).until(() -> outboxIds(workspace).isEmpty() && entryKeys(workspace).isEmpty());
            assertThat(actions.readToEnd(ofAutomation(automationId))).as("published again").isEmpty();
        }
    }

    @Test
    void aPublishedBatchsEntryIsRemovedWithTheNextBatchsStateRead() {
        UUID workspace = UUID.randomUUID();
        String name = "outbox." + UUID.randomUUID();
        createAutomation(workspace, name);
        // An outbox of its own, so that the sweep (which removes the shared one's published entries) stays out.
        FiringOutbox own = new FiringOutbox(reactiveRedis, codec, config, new EventTraces());
        EventEvaluationService live = new EventEvaluationService(catalog, state, own, delivery, config, causal,
                bucketQuota, new MetricRecorder(new FlowRunRepository(reactiveRedis)));

        live.evaluate(List.of(new WorkspaceEvent(workspace, event(name)))).await().atMost(AWAIT);
        List<String> first = outboxIds(workspace);
        assertThat(first).hasSize(1);

        live.evaluate(List.of(new WorkspaceEvent(workspace, event(name)))).await().atMost(AWAIT);
        List<String> second = outboxIds(workspace);
        assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(entryKeys(workspace)).containsExactly(RedisKeys.outboxEntry(workspace, second.get(0)));

        own.removePublished().await().atMost(AWAIT);
        assertThat(outboxIds(workspace)).isEmpty();
        assertThat(entryKeys(workspace)).isEmpty();
    }

    @Test
    void aProactiveFiringPublishedByTheTimerPollIsNotPublishedAgain() throws Exception {
        UUID workspace = UUID.randomUUID();
        String path = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + workspace + "/automations/";
        try (TopicReader actions = new TopicReader(bootstrap, "actions")) {
            String automationId = given().contentType(ContentType.JSON).body("""
                            {"name": "silent", "trigger": {"posture": "Proactive", "expect": ["%s"], "threshold": 1,
                              "within": 10}, "actions": [{"type": "do-nothing"}]}""".formatted(
                            "heartbeat." + UUID.randomUUID()))
                    .post(path).then().statusCode(201).extract().path("id");
            List<JsonNode> fired = actions.await(ofAutomation(automationId), 1, AWAIT);
            assertThat(fired).hasSize(1);
            // A republished firing repeats its idempotency key (the next window's firing has another one), and is
            // published before its entry goes: once no entry holds the firing, a duplicate is on the topic.
            String key = fired.get(0).path("idempotency_key").asText();
            String firing = fired.get(0).path("firing").path("id").asText();
            OutboxBarrier.awaitNoEntryMentions(redis, workspace, firing, AWAIT);
            assertThat(actions.readToEnd(m -> key.equals(m.path("idempotency_key").asText())))
                    .as("published again").isEmpty();
        }
    }

    @Test
    void anEntryRebuildsTheSameMessagesAndEntriesSortInCommitOrder() throws Exception {
        UUID workspace = UUID.randomUUID();
        String name = "outbox." + UUID.randomUUID();
        createAutomation(workspace, name);
        Committed first = evaluation.evaluateAndCommit(List.of(new WorkspaceEvent(workspace, event(name))))
                .await().atMost(AWAIT);
        Committed second = evaluation.evaluateAndCommit(List.of(new WorkspaceEvent(workspace, event(name))))
                .await().atMost(AWAIT);
        String firstId = first.outbox().get(0).id();
        String secondId = second.outbox().get(0).id();
        assertThat(firstId).isLessThan(secondId);
        OutboxEntry stored = new OutboxEntry(workspace, firstId, redis.value(String.class).get(RedisKeys.outboxEntry(
                workspace, firstId)));
        List<AutomationFiring> read = outbox.firings(stored);
        assertThat(read).hasSize(1);
        AutomationFiring original = first.firings().get(0);
        ReceivedEvent stateEvent = StateEvents.stateChange(original.automation(), original.firing());
        assertThat(StateEvents.stateChange(read.get(0).automation(), read.get(0).firing()).id())
                .isEqualTo(stateEvent.id());
        assertThat(messages(read.get(0), stateEvent)).isEqualTo(messages(original, stateEvent));

        outbox.remove(List.of(first.outbox().get(0), second.outbox().get(0))).await().atMost(AWAIT);
        assertThat(outboxIds(workspace)).isEmpty();
        assertThat(entryKeys(workspace)).isEmpty();
    }

    /** The action messages of a firing as they go on the wire. */
    private static String messages(AutomationFiring fired, ReceivedEvent stateEvent) throws Exception {
        return VigilJson.mapper().writeValueAsString(FiringPublisher.messages(fired, stateEvent));
    }

    /** A publisher whose broker refuses everything. */
    private static final class RefusingPublisher extends FiringPublisher {

        RefusingPublisher() {
            super(null, null, null, null, null, null);
        }

        @Override
        public Uni<Void> publish(List<AutomationFiring> firings) {
            return Uni.createFrom().failure(new IllegalStateException("the broker refused the records"));
        }
    }

    private List<String> outboxIds(UUID workspace) {
        List<String> ids = new ArrayList<>();
        redis.execute("ZRANGE", RedisKeys.outbox(workspace), "0", "-1")
                .forEach(member -> ids.add(member.toString(StandardCharsets.UTF_8)));
        return ids;
    }

    private List<String> entryKeys(UUID workspace) {
        return redis.key().keys(RedisKeys.outboxEntryPrefix(workspace) + "*");
    }

    private static Predicate<JsonNode> ofAutomation(String automationId) {
        return message -> automationId.equals(message.path("automation").path("id").asText());
    }

    private static String createAutomation(UUID workspace, String name) {
        String path = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + workspace + "/automations/";
        return given().contentType(ContentType.JSON).body(AUTOMATION.replace("NAME", name)).post(path)
                .then().statusCode(201).extract().path("id");
    }

    private static ReceivedEvent event(String name) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new ReceivedEvent(now, name, Resource.of(name + "." + UUID.randomUUID()), List.of(), Map.of(),
                UUID.randomUUID(), null, now);
    }
}
