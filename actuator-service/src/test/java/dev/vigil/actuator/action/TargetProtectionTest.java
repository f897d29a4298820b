package dev.vigil.actuator.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.vigil.actuator.delivery.HttpSender;
import dev.vigil.actuator.delivery.TargetCircuits;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.Messages;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.json.VigilJson;
import dev.vigil.actuator.support.Executions;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.testsupport.kafka.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One dead target does not hold back every other action: its actions, more than there are running
 * slots, wait out their backoffs (and its open circuit) away from those slots, so actions to a healthy
 * target sent after them are all delivered while they are still unfinished. When the target comes back,
 * each of them is delivered exactly once.
 */
@QuarkusTest
@TestProfile(TargetProtectionTest.FewSlots.class)
class TargetProtectionTest {

    /**
     * Four running slots, a circuit that opens quickly, and retries that outlast the test's dead target.
     * With the {@code %test} prefix, so they win over application.properties' own {@code %test} values.
     */
    public static class FewSlots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "%test.vigil.actuator.max-concurrent-actions", "4",
                    "%test.vigil.actuator.targets.circuit.enabled", "true",
                    "%test.vigil.actuator.targets.circuit.failure-threshold", "3",
                    "%test.vigil.actuator.targets.circuit.cooldown", "300ms",
                    "%test.vigil.actuator.retry.types.\"call-webhook\".max-attempts", "100000");
        }
    }

    private static final int DEAD_ACTIONS = 12;
    private static final int HEALTHY_ACTIONS = 10;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "vigil.actuator.max-concurrent-actions")
    int runningSlots;

    @Inject
    TargetCircuits circuits;

    private final WireMockServer dead = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final WireMockServer healthy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        dead.start();
        healthy.start();
        dead.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("down")));
        healthy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        dead.stop();
        healthy.stop();
    }

    @Test
    void healthyActionsRunWhileADeadTargetsActionsWaitAndThoseAreDeliveredOnceWhenItComesBack() throws Exception {
        assertThat(DEAD_ACTIONS).isGreaterThan(runningSlots);
        List<ActionMessage> toDead = messages(dead.baseUrl() + "/hook", DEAD_ACTIONS);
        List<ActionMessage> toHealthy = messages(healthy.baseUrl() + "/hook", HEALTHY_ACTIONS);

        send(toDead);
        // Every dead action has started (and failed at least once) before the healthy ones are sent.
        await().atMost(PATIENCE).until(() -> toDead.stream().allMatch(m -> attempts(m) > 0));
        send(toHealthy);

        await().atMost(PATIENCE).until(() -> delivered(healthy).size() == HEALTHY_ACTIONS);
        assertThat(delivered(healthy).keySet()).isEqualTo(keys(toHealthy));
        for (ActionMessage message : toDead) {
            assertThat(Executions.withAttempts(message).getString("status"))
                    .as("dead target's action %s", message.idempotencyKey()).isEqualTo("running");
        }
        assertThat(circuits.isOpen(target(dead))).isTrue();
        assertThat(toDead.stream().flatMap(m -> errors(m).stream()))
                .anySatisfy(error -> assertThat(error).startsWith("circuit open after "));

        dead.resetAll();
        dead.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        await().atMost(PATIENCE).until(() -> toDead.stream()
                .allMatch(m -> "succeeded".equals(Executions.withAttempts(m).getString("status"))));
        Map<String, Long> deliveries = delivered(dead);
        assertThat(deliveries.keySet()).isEqualTo(keys(toDead));
        assertThat(deliveries.values()).as("successful calls per idempotency key").containsOnly(1L);
        assertThat(circuits.isOpen(target(dead))).isFalse();
    }

    /** The target as the actuator keys it: the host and port of the URL the block holds. */
    private static String target(WireMockServer server) {
        URI base = URI.create(server.baseUrl());
        return base.getHost() + ":" + base.getPort();
    }

    private static List<ActionMessage> messages(String url, int count) {
        UUID block = Blocks.webhook(url);
        List<ActionMessage> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(Messages.of(new CallWebhook(block, "{\"i\": " + i + "}")));
        }
        return all;
    }

    private void send(List<ActionMessage> messages) throws Exception {
        try (TopicWriter actions = new TopicWriter(bootstrap, "actions")) {
            for (ActionMessage message : messages) {
                actions.send(message.automation().id().toString(), VigilJson.mapper().writeValueAsString(message));
            }
        }
    }

    private static Set<String> keys(List<ActionMessage> messages) {
        return messages.stream().map(ActionMessage::idempotencyKey).collect(Collectors.toSet());
    }

    /** Calls the target answered with 2xx, counted by idempotency key. */
    private static Map<String, Long> delivered(WireMockServer server) {
        return server.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() / 100 == 2)
                .map(ServeEvent::getRequest)
                .map(request -> request.getHeader(HttpSender.IDEMPOTENCY_HEADER))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }


    private static int attempts(ActionMessage message) {
        List<Object> attempts = Executions.withAttempts(message).getList("attempts");
        return attempts == null ? 0 : attempts.size();
    }

    private static List<String> errors(ActionMessage message) {
        List<String> errors = Executions.withAttempts(message).getList("attempts.error");
        return errors == null ? List.of() : errors;
    }
}
