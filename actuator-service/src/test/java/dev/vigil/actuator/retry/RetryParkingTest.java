package dev.vigil.actuator.retry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.actuator.action.ActionLedger;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import dev.vigil.testsupport.kafka.ConsumerOffsets;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Retries leave the actions stream: an action whose call fails retryably is parked in the delivery log, its message
 * acknowledged, and the retry poller runs it again when due, through the same claim, delivery log and
 * {@code Idempotency-Key}. Real Kafka, Redis and PostgreSQL; WireMock targets. {@code Retry-After} is honoured up to
 * an hour here, so a target answering 503 with {@code Retry-After: 3600} keeps its actions parked for the whole test:
 * the assertions wait on progress, never on a duration.
 */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
@TestProfile(RetryParkingTest.LongRetryAfter.class)
class RetryParkingTest {

    public static class LongRetryAfter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Production's claims and lease: the test profile's 3 s claims lapse under a loaded box's event-loop lag,
            // and a lapsed claim lets a second replica (here: the poller again) run the same attempt.
            return Map.of("vigil.actuator.retry.max-retry-after", "1h",
                    "vigil.actuator.claim-ttl", "20s",
                    "vigil.actuator.claim-renew-interval", "2s",
                    "vigil.actuator.retry.poll.lease", "40s");
        }
    }

    private static final String ACCOUNT = "00000000-0000-0000-0000-000000000000";
    private static final String ACTUATOR_GROUP = "actuator";
    private static final int DEAD_ACTIONS = 300;
    private static final List<UUID> PARKED_FOR_AN_HOUR = new ArrayList<>();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    @AfterAll
    static void forgetTheHourLongRetries() {
        // Left parked, they would be retried against a WireMock long gone in a later run of this database.
        io.vertx.mutiny.sqlclient.Pool db = io.quarkus.arc.Arc.container().instance(Pool.class).get();
        db.preparedQuery("DELETE FROM actuator.action_executions WHERE workspace_id = ANY($1)")
                .execute(Tuple.of(PARKED_FOR_AN_HOUR.toArray(UUID[]::new))).await().indefinitely();
    }

    @Test
    void aDeadTargetsBacklogNeverHoldsUpAnotherWorkspacesAction() throws Exception {
        UUID workspaceA = UUID.randomUUID();
        PARKED_FOR_AN_HOUR.add(workspaceA);
        String dead = "/dead-" + UUID.randomUUID();
        String healthy = "/healthy-" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(dead))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));
        Receiver.SERVER.stubFor(post(urlEqualTo(healthy)).willReturn(aResponse().withStatus(200)));
        UUID deadBlock = webhook(workspaceA, dead);
        UUID healthyBlock = webhook(Workspaces.DEFAULT, healthy);

        // One partition (one record key) and A's backlog first: B's action is behind every one of A's.
        String partitionKey = "isolation-" + UUID.randomUUID();
        List<ActionMessage> backlog = new ArrayList<>();
        for (int i = 0; i < DEAD_ACTIONS; i++) {
            backlog.add(message(workspaceA, deadBlock));
        }
        ActionMessage b = message(Workspaces.DEFAULT, healthyBlock);
        RecordMetadata bRecord;
        try (KafkaProducer<String, String> producer = producer()) {
            for (ActionMessage a : backlog) {
                producer.send(new ProducerRecord<>("actions", partitionKey, VigilJson.mapper().writeValueAsString(a)));
            }
            bRecord = producer.send(new ProducerRecord<>("actions", partitionKey,
                    VigilJson.mapper().writeValueAsString(b))).get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Receiver.SERVER.verify(1,
                postRequestedFor(urlEqualTo(healthy)).withHeader("Idempotency-Key", equalTo(b.idempotencyKey()))));
        // B is delivered while none of A's actions got past its first attempt: they wait an hour for their second.
        assertThat(count("SELECT count(*) FROM actuator.action_executions WHERE workspace_id = $1 "
                + "AND (status <> 'running' OR attempts > 1)", workspaceA)).isZero();
        // And the stream moved on: the group's offset passes B's record while every one of A's actions is parked.
        try (ConsumerOffsets offsets = new ConsumerOffsets(bootstrap, ACTUATOR_GROUP)) {
            offsets.awaitPast(bRecord, Duration.ofSeconds(60));
        }
        // Past its share of claims ahead, A's actions were parked before their first attempt and come back at A's
        // share of the retry poller: on a loaded box that takes a while.
        await().atMost(Duration.ofSeconds(240)).untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM actuator.action_executions WHERE workspace_id = $1 AND status = 'running' "
                        + "AND retry_at > now() + interval '30 minutes' AND retry_attempt = 2 AND attempts = 1",
                workspaceA)).isEqualTo(DEAD_ACTIONS));
        Receiver.SERVER.verify(DEAD_ACTIONS, postRequestedFor(urlEqualTo(dead)));
    }

    @Test
    void aParkedRetryRunsOnceWithTheSameKeyAndItsAttemptsNumberedOn() throws Exception {
        String flaky = "/flaky-" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(flaky)).inScenario(flaky).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        Receiver.SERVER.stubFor(post(urlEqualTo(flaky)).inScenario(flaky).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("third"));
        Receiver.SERVER.stubFor(post(urlEqualTo(flaky)).inScenario(flaky).whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200)));
        ActionMessage message = message(Workspaces.DEFAULT, webhook(Workspaces.DEFAULT, flaky));
        send(message);

        Row execution = awaitFinished(message);
        assertThat(execution.getString("status")).isEqualTo("succeeded");
        assertThat(execution.getInteger("attempts")).isEqualTo(3);
        assertThat(execution.getValue("retry_at")).isNull();
        assertThat(attempts(execution)).containsExactly("1 retrying", "2 retrying", "3 succeeded");
        List<LoggedRequest> calls = Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(flaky)));
        assertThat(calls).hasSize(3).allSatisfy(call ->
                assertThat(call.getHeader("Idempotency-Key")).isEqualTo(message.idempotencyKey()));
        assertThat(count("SELECT count(*) FROM actuator.action_executions WHERE workspace_id = $1 "
                + "AND idempotency_key = '" + message.idempotencyKey() + "'", Workspaces.DEFAULT)).isEqualTo(1);
    }

    @Test
    void theLastAttemptDeadLettersTheActionOnce() throws Exception {
        String down = "/down-" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(down)).willReturn(aResponse().withStatus(500)));
        ActionMessage message = message(Workspaces.DEFAULT, webhook(Workspaces.DEFAULT, down));
        send(message);

        Row execution = awaitFinished(message);
        assertThat(execution.getString("status")).isEqualTo("failed");
        // call-webhook has 4 attempts under the test profile: three parked retries, then the dead letter.
        assertThat(attempts(execution)).containsExactly("1 retrying", "2 retrying", "3 retrying", "4 failed");
        assertThat(redis.value(String.class).get(ActionLedger.key(message))).isEqualTo("failed");
        given().get("/api/actions/executions/" + execution.getUUID("id")).then().statusCode(200)
                .body("dead_lettered", org.hamcrest.Matchers.equalTo(true))
                .body("next_attempt_at", org.hamcrest.Matchers.nullValue());
        Receiver.SERVER.verify(4, postRequestedFor(urlEqualTo(down)));
    }

    /**
     * A replica that crashed while it ran a retry leaves its lease and its claim behind; the retry is only in
     * PostgreSQL, so nothing of the crashed process is needed to run it: once the lease is over and the claim lapses,
     * a live replica's poller takes it over, at the next attempt, once.
     */
    @Test
    void aRetryLeftByACrashedReplicaIsTakenOverOnceItsLeaseAndClaimLapse() throws Exception {
        String later = "/later-" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(later)).inScenario(later).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")).willSetStateTo("up"));
        Receiver.SERVER.stubFor(post(urlEqualTo(later)).inScenario(later).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        ActionMessage message = message(Workspaces.DEFAULT, webhook(Workspaces.DEFAULT, later));
        send(message);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM actuator.action_executions "
                + "WHERE workspace_id = $1 AND idempotency_key = '" + message.idempotencyKey()
                + "' AND retry_at IS NOT NULL AND attempts = 1", Workspaces.DEFAULT) == 1);

        // The crashed replica's state: its lease over (the retry due now), its claim still there until its TTL.
        redis.value(String.class).psetex(ActionLedger.key(message), 1500, "claimed:crashed-replica");
        pool.preparedQuery("UPDATE actuator.action_executions SET retry_at = now() WHERE workspace_id = $1 "
                + "AND idempotency_key = $2").execute(Tuple.of(Workspaces.DEFAULT, message.idempotencyKey()))
                .await().indefinitely();

        Row execution = awaitFinished(message);
        assertThat(execution.getString("status")).isEqualTo("succeeded");
        assertThat(attempts(execution)).containsExactly("1 retrying", "2 succeeded");
        Receiver.SERVER.verify(2, postRequestedFor(urlEqualTo(later))
                .withHeader("Idempotency-Key", equalTo(message.idempotencyKey())));
    }

    private Row awaitFinished(ActionMessage message) {
        Row[] found = new Row[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var rows = pool.preparedQuery("SELECT id, status, attempts, retry_at FROM actuator.action_executions "
                            + "WHERE workspace_id = $1 AND idempotency_key = $2")
                    .execute(Tuple.of(message.workspaceId(), message.idempotencyKey())).await().indefinitely();
            if (rows.size() == 0) {
                return false;
            }
            found[0] = rows.iterator().next();
            return !"running".equals(found[0].getString("status"));
        });
        return found[0];
    }

    private List<String> attempts(Row execution) {
        List<String> attempts = new ArrayList<>();
        pool.preparedQuery("SELECT attempt, outcome FROM actuator.action_attempts WHERE execution_id = $1 "
                        + "ORDER BY attempt").execute(Tuple.of(execution.getUUID("id"))).await().indefinitely()
                .forEach(row -> attempts.add(row.getInteger("attempt") + " " + row.getString("outcome")));
        return attempts;
    }

    private long count(String sql, UUID workspace) {
        return pool.preparedQuery(sql).execute(Tuple.of(workspace)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    static UUID webhook(UUID workspace, String path) {
        String prefix = Workspaces.DEFAULT.equals(workspace) ? "/api"
                : "/api/accounts/" + ACCOUNT + "/workspaces/" + workspace;
        String id = given().contentType(ContentType.JSON)
                .body("{\"name\": \"hook-%s\", \"block_type_slug\": \"webhook\", \"data\": {\"url\": \"%s\"}}"
                        .formatted(UUID.randomUUID(), Receiver.url(path)))
                .post(prefix + "/block_documents/").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    static ActionMessage message(UUID workspace, UUID block) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ReceivedEvent event = new ReceivedEvent(now, "external.resource.pinged", Resource.of("my.resource.1"),
                List.of(), Map.of(), UUID.randomUUID(), null, now);
        EventTrigger trigger = new EventTrigger(null, null, null, null, List.of("external.resource.pinged"), null,
                Posture.Reactive, 1, Duration.ZERO);
        Automation automation = new Automation(UUID.randomUUID(), now, now, "parked", null, true, null, trigger,
                List.of(new CallWebhook(block, "ping")), null, null);
        Firing firing = new Firing(UUID.randomUUID(), trigger.id(), FiringState.Triggered, now, Map.of(), List.of(),
                event);
        return new ActionMessage(ActionMessage.idempotencyKey(firing.id(), 0), workspace, automation, firing, 0,
                automation.actions().get(0), event, Map.of(), List.of(firing), List.of(event), UUID.randomUUID());
    }

    private void send(ActionMessage message) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("actions", message.automation().id().toString(),
                    VigilJson.mapper().writeValueAsString(message))).get();
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
