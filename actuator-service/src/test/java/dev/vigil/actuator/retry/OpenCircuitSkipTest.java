package dev.vigil.actuator.retry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.Executions;
import dev.vigil.actuator.support.Messages;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.testsupport.kafka.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dead target's retries are not run while its circuit is open: each such attempt is logged as refused and the
 * retry parked for the next one, so the schedule holds and every action is dead-lettered with exactly its attempts,
 * the last one run through the usual path. Real Kafka, Redis and PostgreSQL; the dead target is a WireMock of its
 * own (a circuit is per host and port), answering 503.
 */
@QuarkusTest
@TestProfile(OpenCircuitSkipTest.CircuitStaysOpen.class)
class OpenCircuitSkipTest {

    /** A circuit that opens after 3 failures and stays open for the whole test; 5 attempts per webhook action. */
    public static class CircuitStaysOpen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "%test.vigil.actuator.targets.circuit.enabled", "true",
                    "%test.vigil.actuator.targets.circuit.failure-threshold", "3",
                    "%test.vigil.actuator.targets.circuit.cooldown", "1h",
                    "%test.vigil.actuator.retry.types.\"call-webhook\".max-attempts", String.valueOf(ATTEMPTS));
        }
    }

    private static final int ATTEMPTS = 5;
    private static final int ACTIONS = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern SKIPPED_METRIC = Pattern.compile(
            "(?m)^vigil_actuator_retries_skipped_total(?:\\{[^}]*\\})? ([0-9.E]+)$");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final WireMockServer dead = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        dead.start();
        dead.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("down")));
    }

    @AfterEach
    void stop() {
        dead.stop();
    }

    @Test
    void retriesOfAnOpenCircuitAreLoggedAsRefusedWithoutRunningAndEachActionIsDeadLetteredOnce() throws Exception {
        double skippedBefore = skippedSoFar();
        UUID block = Blocks.webhook(dead.baseUrl() + "/hook");
        List<ActionMessage> messages = new ArrayList<>();
        for (int i = 0; i < ACTIONS; i++) {
            messages.add(Messages.of(new CallWebhook(block, "{\"i\": " + i + "}")));
        }
        try (TopicWriter actions = new TopicWriter(bootstrap, "actions")) {
            for (ActionMessage message : messages) {
                actions.send(message.automation().id().toString(), VigilJson.mapper().writeValueAsString(message));
            }
        }

        await().atMost(PATIENCE).until(() -> messages.stream()
                .allMatch(m -> "failed".equals(Executions.withAttempts(m).getString("status"))));

        for (ActionMessage message : messages) {
            JsonPath execution = Executions.withAttempts(message);
            String key = message.idempotencyKey();
            assertThat(execution.getList("attempts.attempt", Integer.class)).as("attempts of %s", key)
                    .isEqualTo(IntStream.rangeClosed(1, ATTEMPTS).boxed().toList());
            List<String> errors = execution.getList("attempts.error", String.class);
            List<String> outcomes = execution.getList("attempts.outcome", String.class);
            // Attempts 2 to the one before last came due with the circuit open: logged, not run.
            for (int attempt = 2; attempt < ATTEMPTS; attempt++) {
                assertThat(errors.get(attempt - 1)).as("attempt %d of %s", attempt, key)
                        .startsWith("circuit open after ").endsWith(OpenCircuitSkips.NOT_RUN);
                assertThat(outcomes.get(attempt - 1)).isEqualTo("retrying");
            }
            // The last one went through the usual path, which dead-letters.
            assertThat(errors.get(ATTEMPTS - 1)).startsWith("circuit open after ").doesNotContain("not run");
            assertThat(outcomes.get(ATTEMPTS - 1)).isEqualTo("failed");
        }
        assertThat(dead.getAllServeEvents().size()).as("calls that reached the dead target")
                .isLessThan(ACTIONS);
        assertThat(skippedSoFar() - skippedBefore).isGreaterThanOrEqualTo(ACTIONS * (ATTEMPTS - 2));
    }


    private static double skippedSoFar() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = SKIPPED_METRIC.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
