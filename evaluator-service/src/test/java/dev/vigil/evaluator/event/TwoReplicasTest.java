package dev.vigil.evaluator.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluator.action.FiringPublisher;
import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.automation.AutomationRepository;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.outbox.FiringDelivery;
import dev.vigil.evaluator.metric.FlowRunRepository;
import dev.vigil.evaluator.metric.MetricRecorder;
import dev.vigil.evaluator.outbox.FiringOutbox;
import dev.vigil.evaluator.outbox.OutboxCodec;
import dev.vigil.evaluator.state.RedisStateRepository;
import dev.vigil.evaluator.support.OutboxBarrier;
import dev.vigil.evaluator.trace.EventTraces;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.testsupport.kafka.TopicReader;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Two evaluator replicas (this one and a second with its own catalog, state repository and outbox)
 * share the real Redis and publish to the real topics. Every event reaches both, in other batches and
 * another order, at the same time, as after a consumer-group rebalance: each event is counted once
 * (no double count), no count is lost, and each bucket fires once.
 */
@QuarkusTest
class TwoReplicasTest {

    private static final Duration AWAIT = Duration.ofSeconds(60);
    private static final int RESOURCES = 20;
    private static final int THRESHOLD = 3;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    dev.vigil.evaluator.guard.BucketQuota bucketQuota;

    @Inject
    EventEvaluationService replicaA;

    @Inject
    AutomationRepository repository;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisDataSource blockingRedis;

    /** Replica B's outbox, whose published entries its own sweep would remove. */
    private FiringOutbox replicaBOutbox;

    @Inject
    ObjectMapper json;

    @Inject
    OutboxCodec codec;

    @Inject
    FiringPublisher publisher;

    @Inject
    CausalOrdering causal;

    @Inject
    EvaluatorConfig config;

    @Inject
    Vertx vertx;

    @Test
    void eventsDeliveredToBothReplicasAtOnceAreCountedOnceAndFireOncePerBucket() throws Throwable {
        UUID workspace = UUID.randomUUID();
        String prefix = "replicas." + UUID.randomUUID();
        String base = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + workspace + "/automations/";
        String automationId = given().contentType(ContentType.JSON).body("""
                        {"name": "replicas", "trigger": {"posture": "Reactive", "expect": ["%s.pinged"],
                          "for_each": ["prefect.resource.id"], "threshold": %d, "within": 600},
                         "actions": [{"type": "do-nothing"}]}""".formatted(prefix, THRESHOLD))
                .post(base).then().statusCode(201).extract().path("id");
        EventEvaluationService replicaB = secondReplica();

        try (TopicReader actions = new TopicReader(bootstrap, "actions")) {
            // Two pings per resource, below the threshold: counted twice each, never four times.
            List<WorkspaceEvent> belowThreshold = new ArrayList<>();
            for (int ping = 0; ping < THRESHOLD - 1; ping++) {
                belowThreshold.addAll(pings(workspace, prefix));
            }
            bothAtOnce(replicaB, belowThreshold);
            List<Integer> counts = given().get(base + automationId + "/state").then().statusCode(200)
                    .extract().path("buckets.count");
            assertThat(counts).hasSize(RESOURCES).containsOnly(THRESHOLD - 1);

            // The last ping: every bucket reaches the threshold exactly once, on whichever replica.
            bothAtOnce(replicaB, pings(workspace, prefix));
            Predicate<JsonNode> ofAutomation = m -> automationId.equals(m.path("automation").path("id").asText());
            List<JsonNode> fired = actions.await(ofAutomation, RESOURCES, AWAIT);
            assertThat(fired).extracting(m -> m.path("labels").path(Resource.ID).asText())
                    .hasSize(RESOURCES).doesNotHaveDuplicates();
            assertThat(fired).extracting(m -> m.path("idempotency_key").asText()).doesNotHaveDuplicates();
            // Both replicas published before their evaluation completed, so a bucket fired by both is on the topic
            // now. So would be a firing the outbox sweep republished, once no entry is left: replica B's sweep
            // (this test's to run) removes the entries it published, replica A's those A published.
            replicaBOutbox.removePublished().await().atMost(AWAIT);
            OutboxBarrier.awaitNoEntryMentions(blockingRedis, workspace, automationId, AWAIT);
            assertThat(actions.readToEnd(ofAutomation)).as("published twice").isEmpty();
        }
    }

    /** The other replica: everything a process holds in memory is its own; Redis and Kafka are shared. */
    private EventEvaluationService secondReplica() throws Throwable {
        AutomationCatalog catalog = new AutomationCatalog(repository, config, vertx);
        VertxContextSupport.subscribeAndAwait(catalog::index);
        FiringOutbox outbox = new FiringOutbox(redis, codec, config, new EventTraces());
        replicaBOutbox = outbox;
        return new EventEvaluationService(catalog, new RedisStateRepository(redis, json, config), outbox,
                new FiringDelivery(publisher, outbox), config, causal, bucketQuota,
                new MetricRecorder(new FlowRunRepository(redis)));
    }

    /** Both replicas evaluate all of {@code events} concurrently: A in batches of 3, B in batches of 4, reversed. */
    private void bothAtOnce(EventEvaluationService replicaB, List<WorkspaceEvent> events) {
        List<WorkspaceEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        Uni.combine().all().unis(inBatches(replicaA, events, 3), inBatches(replicaB, reversed, 4))
                .discardItems().await().atMost(AWAIT);
    }

    private static Uni<Void> inBatches(EventEvaluationService replica, List<WorkspaceEvent> events, int size) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < events.size(); from += size) {
            List<WorkspaceEvent> batch = events.subList(from, Math.min(events.size(), from + size));
            chain = chain.chain(() -> replica.evaluate(batch));
        }
        return chain;
    }

    /** One ping of each resource, each a new event. */
    private static List<WorkspaceEvent> pings(UUID workspace, String prefix) {
        List<WorkspaceEvent> pings = new ArrayList<>(RESOURCES);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < RESOURCES; i++) {
            pings.add(new WorkspaceEvent(workspace, new ReceivedEvent(now, prefix + ".pinged",
                    Resource.of(prefix + "." + i), List.of(), Map.of(), UUID.randomUUID(), null, now)));
        }
        return pings;
    }
}
