package dev.vigil.actuator.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.action.ActionLedger;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retries, the delivery log, dead letters and redelivery, and exactly-once in effect, against real Redis and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class DeliveryTest {

    @Inject
    ActionExecutor executor;

    @Inject
    RedisDataSource redis;

    private static String path() {
        return "/hook/" + UUID.randomUUID();
    }

    private static ActionMessage webhookMessage(String path) {
        return Messages.of(new CallWebhook(Blocks.webhook(Receiver.url(path)), "{\"id\": \"{{ event.resource.id }}\"}"));
    }

    private void run(ActionMessage message) {
        InVertx.await(() -> executor.execute(message));
    }

    private static List<LoggedRequest> requests(String path) {
        return Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private static JsonPath execution(ActionMessage message) {
        List<JsonPath> all = given().queryParam("automation_id", message.automation().id().toString())
                .get("/api/actions/executions").then().statusCode(200).extract().jsonPath().getList("$").stream()
                .map(o -> new JsonPath(toJson(o))).toList();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static String toJson(Object o) {
        try {
            return dev.vigil.model.json.VigilJson.mapper().writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stubSequence(String path, int... statuses) {
        String state = STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = i == statuses.length - 1 ? state : "after-" + i;
            Receiver.SERVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(statuses[i]).withBody("status " + statuses[i]))
                    .willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void a5xxIsRetriedWithBackoffAndTheSameIdempotencyKeyUntilItSucceeds() {
        String path = path();
        stubSequence(path, 503, 502, 200);
        ActionMessage message = webhookMessage(path);
        run(message);

        List<LoggedRequest> calls = requests(path);
        assertThat(calls).hasSize(3);
        assertThat(calls).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(message.idempotencyKey()));
        JsonPath execution = execution(message);
        assertThat(execution.getString("status")).isEqualTo("succeeded");
        assertThat(execution.getBoolean("dead_lettered")).isFalse();
        assertThat(execution.getList("attempts.outcome")).containsExactly("retrying", "retrying", "succeeded");
        assertThat(execution.getList("attempts.status_code")).containsExactly(503, 502, 200);
        assertThat(execution.getString("attempts[0].response_excerpt")).isEqualTo("status 503");
        assertThat(execution.getString("attempts[0].request")).matches("POST http://[^/]+/\\*\\*\\*")
                .doesNotContain(path);
        assertThat(execution.getLong("attempts[0].duration_ms")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void a429HonoursRetryAfter() {
        String path = path();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(204)));
        ActionMessage message = webhookMessage(path);
        run(message);

        List<LoggedRequest> calls = requests(path);
        assertThat(calls).hasSize(2);
        long gapMs = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(gapMs).isGreaterThanOrEqualTo(950);
        assertThat(execution(message).getString("status")).isEqualTo("succeeded");
    }

    @Test
    void aTimeoutIsRetried() {
        String path = path();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)).willSetStateTo("fast"));
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200)));
        ActionMessage message = webhookMessage(path);
        run(message);

        JsonPath execution = execution(message);
        assertThat(execution.getString("status")).isEqualTo("succeeded");
        assertThat(execution.getList("attempts.outcome")).containsExactly("retrying", "succeeded");
        assertThat(execution.getString("attempts[0].error")).containsIgnoringCase("timeout");
        assertThat(execution.getString("attempts[0].status_code")).isNull();
    }

    @Test
    void anotherClientErrorIsNotRetriedAndIsDeadLettered() {
        String path = path();
        stubSequence(path, 400);
        ActionMessage message = webhookMessage(path);
        run(message);

        assertThat(requests(path)).hasSize(1);
        JsonPath execution = execution(message);
        assertThat(execution.getString("status")).isEqualTo("failed");
        assertThat(execution.getBoolean("dead_lettered")).isTrue();
        assertThat(execution.getString("reason")).isEqualTo("Unexpected status from 'call-webhook' action: 400");
        assertThat(execution.getList("attempts.outcome")).containsExactly("failed");
    }

    @Test
    void exhaustedRetriesDeadLetterAndRedeliveryRunsItAgainOnce() {
        String path = path();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));
        ActionMessage message = webhookMessage(path);
        run(message);

        assertThat(requests(path)).hasSize(4);
        JsonPath failed = execution(message);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getList("attempts.outcome")).containsExactly("retrying", "retrying", "retrying", "failed");
        String id = failed.getString("id");
        given().queryParam("status", "failed").queryParam("automation_id", message.automation().id().toString())
                .get("/api/actions/executions").then().statusCode(200).body("size()", equalTo(1));

        // A redelivered Kafka message does not run it again: it is over until a person redelivers it.
        run(message);
        assertThat(requests(path)).hasSize(4);

        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        given().post("/api/actions/executions/" + id + "/redeliver").then().statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("redeliveries", equalTo(1))
                .body("attempts.size()", equalTo(5))
                .body("attempts[4].generation", equalTo(1));
        assertThat(requests(path)).hasSize(5);
        assertThat(requests(path).get(4).getHeader("Idempotency-Key")).isEqualTo(message.idempotencyKey());

        given().post("/api/actions/executions/" + id + "/redeliver").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("succeeded"));
        run(message);
        assertThat(requests(path)).hasSize(5);
    }

    @Test
    void twoReplicasRunningTheSameMessageCallOnce() {
        String path = path();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        ActionMessage message = webhookMessage(path);
        InVertx.await(() -> Uni.join().all(executor.execute(message), executor.execute(message), executor.execute(message))
                .andFailFast().replaceWithVoid());
        assertThat(requests(path)).hasSize(1);
    }

    @Test
    void aCrashBetweenTheCallAndTheCommitIsTakenOverWithTheSameKey() {
        String path = path();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        ActionMessage message = webhookMessage(path);
        // A replica claimed the action, made its call, and died before recording anything.
        redis.value(String.class).psetex(ActionLedger.key(message), 1_500, "claimed:crashed-replica");
        long crashedAt = System.currentTimeMillis();

        run(message);

        List<LoggedRequest> calls = requests(path);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getLoggedDate().getTime() - crashedAt).isGreaterThanOrEqualTo(1_400);
        assertThat(calls.get(0).getHeader("Idempotency-Key")).isEqualTo(message.idempotencyKey());
        assertThat(execution(message).getString("status")).isEqualTo("succeeded");
    }

    @Test
    void theDeliveryLogRemembersWhenRedisForgot() {
        String path = path();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        ActionMessage message = webhookMessage(path);
        run(message);
        redis.key().del(ActionLedger.key(message));

        run(message);
        assertThat(requests(path)).hasSize(1);
    }

    @Test
    void badFiltersAre422NamingTheParameter() {
        given().queryParam("status", "sideways").get("/api/actions/executions").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("query", "status")));
        given().queryParam("since", "yesterday").get("/api/actions/executions").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("query", "since")));
        given().get("/api/actions/executions/" + UUID.randomUUID()).then().statusCode(404);
        given().post("/api/actions/executions/not-a-uuid/redeliver").then().statusCode(422);
    }

    @Test
    void timeFiltersSelectExecutions() {
        String path = path();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        ActionMessage message = webhookMessage(path);
        run(message);
        String automation = message.automation().id().toString();
        given().queryParam("automation_id", automation).queryParam("since", "2000-01-01T00:00:00Z")
                .get("/api/actions/executions").then().statusCode(200).body("size()", equalTo(1));
        given().queryParam("automation_id", automation).queryParam("until", "2000-01-01T00:00:00Z")
                .get("/api/actions/executions").then().statusCode(200).body("size()", equalTo(0));
    }
}
