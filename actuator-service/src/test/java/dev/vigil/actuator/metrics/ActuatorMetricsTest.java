package dev.vigil.actuator.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.Executions;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.action.DoNothing;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.testsupport.metrics.Scrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The actuator's metrics at {@code /q/metrics}: actions by type and outcome, and the delivery latency histogram. */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class ActuatorMetricsTest {

    private static final String ACTIONS = "vigil_actions_total";
    private static final String LATENCY_COUNT = "vigil_delivery_latency_seconds_count";

    @Inject
    ActionExecutor executor;

    @Test
    void actionsAreCountedByTypeAndOutcomeAndTheirLatencyRecorded() {
        Map<String, String> doNothingSucceeded = Map.of("type", "do-nothing", "outcome", "succeeded");
        Map<String, String> webhookFailed = Map.of("type", "call-webhook", "outcome", "failed");
        String path = "/refusing/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(400).withBody("no")));
        ActionMessage succeeding = Messages.of(new DoNothing());
        ActionMessage failing = Messages.of(new CallWebhook(Blocks.webhook(Receiver.url(path)), "{}"));
        Scrape before = Scrape.now();

        InVertx.await(() -> executor.execute(succeeding));
        InVertx.await(() -> executor.execute(failing));

        assertThat(Executions.of(succeeding).getString("status")).isEqualTo("succeeded");
        assertThat(Executions.of(failing).getString("status")).isEqualTo("failed");
        Scrape after = Scrape.now();
        assertThat(after.value(ACTIONS, doNothingSucceeded) - before.value(ACTIONS, doNothingSucceeded)).isEqualTo(1);
        assertThat(after.value(ACTIONS, webhookFailed) - before.value(ACTIONS, webhookFailed)).isEqualTo(1);
        assertThat(after.value(LATENCY_COUNT) - before.value(LATENCY_COUNT)).isEqualTo(2);
        assertThat(after.has("vigil_delivery_latency_seconds_bucket", Map.of("le", "+Inf"))).isTrue();
        assertThat(after.has("vigil_consumer_lag", Map.of("group", "actuator", "channel", "actions-in"))).isTrue();
        assertThat(after.has("vigil_dead_letters_total", Map.of("channel", "actions-in"))).isTrue();
        assertThat(after.text()).doesNotContain("m__");
    }
}
