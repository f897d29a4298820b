package dev.vigil.system;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foundation issue's slice, end to end through the gateway: a webhook block, an automation
 * calling it after two pings of a resource, the events, and exactly one webhook call with the
 * rendered payload, received by a real HTTP server.
 */
@ExtendWith(VigilSystem.class)
class FirstAutomationIT {

    private static final String HOOK_PATH = "/hook";
    private static final String PINGED = "external.resource.pinged";
    private static final String IGNORED = "external.resource.ignored";
    private static final String PAYLOAD_TEMPLATE = "{\"id\": \"{{ event.resource.id }}\"}";
    /** Prefect's Webhook block keeps its url secret; reads show it obfuscated. */
    private static final String OBFUSCATED = "********";
    private static final int WITHIN_SECONDS = 60;
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(30);
    /** How long after the first call a second one must still not have come. */
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(3);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    @RegisterExtension
    final WebhookReceiver receiver = new WebhookReceiver(HOOK_PATH);

    /** The issue's own example, in a workspace of its own so that reruns never see each other's data. */
    @Test
    void twoPingsOfAResourceCallTheWebhookOnce() {
        VigilApi api = new VigilApi(VigilSystem.gatewayUrl(), ApiPrefix.freshWorkspace());
        String blockId = createWebhookBlockAndCheckItsUrlIsSecret(api);
        api.createAutomation(pingAutomation("my.resource.*", 2, blockId));

        api.postEvents(List.of(
                VigilApi.event(PINGED, "my.resource.1"),
                VigilApi.event(PINGED, "my.resource.1"),
                VigilApi.event(IGNORED, "my.resource.1")));

        assertWebhookCalledOnceWith("{\"id\": \"my.resource.1\"}");
    }

    /** The same flow on the unprefixed paths (the default workspace), with a resource no other run uses. */
    @Test
    void oneMatchingEventCallsTheWebhookInTheDefaultWorkspace() {
        VigilApi api = new VigilApi(VigilSystem.gatewayUrl(), ApiPrefix.defaultWorkspace());
        String resource = "my.resource." + UUID.randomUUID();
        String blockId = createWebhookBlockAndCheckItsUrlIsSecret(api);
        api.createAutomation(pingAutomation(resource, 1, blockId));

        api.postEvents(List.of(VigilApi.event(PINGED, resource), VigilApi.event(IGNORED, resource)));

        assertWebhookCalledOnceWith("{\"id\": \"" + resource + "\"}");
    }

    private String createWebhookBlockAndCheckItsUrlIsSecret(VigilApi api) {
        String url = receiver.url();
        String name = "my-hook-" + UUID.randomUUID();
        String id = api.createWebhookBlock(name, url);
        String read = api.readBlockDocument(id)
                .statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo(name))
                .body("data.url", equalTo(OBFUSCATED))
                .extract().asString();
        assertThat(read).as("a read block document must not reveal the webhook url").doesNotContain(url);
        return id;
    }

    private static Map<String, Object> pingAutomation(String resourcePattern, int threshold, String blockId) {
        return Map.of(
                "name", "ping-" + UUID.randomUUID(),
                "trigger", Map.of(
                        "type", "event",
                        "expect", List.of(PINGED),
                        "match", Map.of("prefect.resource.id", resourcePattern),
                        "posture", "Reactive",
                        "threshold", threshold,
                        "within", WITHIN_SECONDS),
                "actions", List.of(Map.of(
                        "type", "call-webhook",
                        "block_document_id", blockId,
                        "payload", PAYLOAD_TEMPLATE)));
    }

    private void assertWebhookCalledOnceWith(String expectedJson) {
        await("a call to the webhook receiver (service logs: " + VigilSystem.logDir() + ")")
                .atMost(WEBHOOK_TIMEOUT)
                .pollInterval(POLL_INTERVAL)
                .until(() -> hookCalls() > 0);
        receiver.verify(exactly(1),
                postRequestedFor(urlPathEqualTo(HOOK_PATH)).withRequestBody(equalToJson(expectedJson)));
        await("no second call to the webhook receiver")
                .during(QUIET_PERIOD)
                .atMost(QUIET_PERIOD.plusSeconds(1))
                .pollInterval(POLL_INTERVAL)
                .until(() -> hookCalls() == 1);
    }

    private int hookCalls() {
        return receiver.findAll(anyRequestedFor(urlPathEqualTo(HOOK_PATH))).size();
    }
}
