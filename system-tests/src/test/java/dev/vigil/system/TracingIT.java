package dev.vigil.system;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A trace crosses Vigil: an event posted with a {@code traceparent} reaches ingest, goes through the {@code events}
 * topic to the evaluation that fires, through the {@code actions} topic to the actuator, and the webhook call it
 * makes carries a {@code traceparent} of the same trace (a span of Vigil's as parent). The system runs with
 * tracing on (10 % of new traces sampled; this one's caller sampled it, which the parent-based sampler follows),
 * exporting to a stand-in collector that must have received spans.
 */
@ExtendWith(VigilSystem.class)
class TracingIT {

    private static final String HOOK_PATH = "/traced-hook";
    private static final String PINGED = "external.resource.traced";
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final WebhookReceiver receiver = new WebhookReceiver(HOOK_PATH);

    @Test
    void theWebhookCallContinuesTheTraceOfTheEventThatFiredIt() {
        VigilApi api = new VigilApi(VigilSystem.gatewayUrl(), ApiPrefix.freshWorkspace());
        String blockId = api.createWebhookBlock("traced-hook-" + UUID.randomUUID(), receiver.url());
        String resource = "traced." + UUID.randomUUID();
        api.createAutomation(Map.of(
                "name", "traced-" + UUID.randomUUID(),
                "trigger", Map.of("type", "event", "expect", List.of(PINGED),
                        "match", Map.of("prefect.resource.id", resource),
                        "posture", "Reactive", "threshold", 1, "within", 0),
                "actions", List.of(Map.of("type", "call-webhook", "block_document_id", blockId,
                        "payload", "{\"id\": \"{{ event.resource.id }}\"}"))));
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);
        long exportsBefore = VigilSystem.spanExports();

        api.postEvents(List.of(VigilApi.event(PINGED, resource)), "00-" + traceId + "-" + callerSpan + "-01");

        await("a call to the webhook receiver (service logs: " + VigilSystem.logDir() + ")")
                .atMost(WEBHOOK_TIMEOUT).until(() -> !calls().isEmpty());
        String traceparent = calls().get(0).getHeader("traceparent");
        assertThat(traceparent).as("the webhook call's traceparent").isNotNull()
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String[] parts = traceparent.split("-");
        assertThat(parts[1]).as("its trace id").isEqualTo(traceId);
        assertThat(parts[2]).as("its parent: a span of Vigil's, not the caller's").isNotEqualTo(callerSpan);
        await("spans exported to the collector").atMost(EXPORT_TIMEOUT)
                .until(() -> VigilSystem.spanExports() > exportsBefore);
    }

    private List<LoggedRequest> calls() {
        return receiver.findAll(anyRequestedFor(urlPathEqualTo(HOOK_PATH)));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never the invalid all-zero id
        return HexFormat.of().formatHex(random);
    }
}
