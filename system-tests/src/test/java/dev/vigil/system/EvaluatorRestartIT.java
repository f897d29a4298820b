package dev.vigil.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evaluator killed (kill -9) and restarted in the middle of a window keeps its state, which lives
 * in Redis: a reactive count started before the crash is completed after it, and a proactive window
 * opened before the crash fires at its own end, not at the end of a window reopened by the new process.
 */
@ExtendWith(VigilSystem.class)
class EvaluatorRestartIT {

    private static final String RECEIVER_PATH = "/restart";
    private static final Duration PROACTIVE_WINDOW = Duration.ofSeconds(30);
    /** Kill at least this long after the proactive window opened, so a reopened window would end visibly later. */
    private static final Duration BEFORE_KILL = Duration.ofSeconds(10);
    /** Slack for the first window to open after the automation is created (a timer poll, a catalog change). */
    private static final Duration OPENING_SLACK = Duration.ofSeconds(5);
    private static final Duration AWAIT = Duration.ofSeconds(90);

    private final ObjectMapper json = new ObjectMapper();
    @RegisterExtension
    final WebhookReceiver receiver = new WebhookReceiver(RECEIVER_PATH);

    @Test
    void countsAndProactiveWindowsSurviveAKillMidWindow() throws Exception {
        ApiPrefix prefix = ApiPrefix.freshWorkspace();
        String gateway = VigilSystem.gatewayUrl();
        VigilApi api = new VigilApi(gateway, prefix);
        String blockId = api.createWebhookBlock("restart", receiver.url());
        String ping = "restart.ping." + UUID.randomUUID();
        String counting = api.createAutomation(Map.of(
                "name", "restart-counting",
                "trigger", Map.of("type", "event", "expect", List.of(ping), "for_each", List.of("prefect.resource.id"),
                        "posture", "Reactive", "threshold", 2, "within", 600),
                "actions", List.of(webhook(blockId, "{\"kind\": \"reactive\", \"id\": \"{{ event.resource.id }}\"}"))));
        Instant proactiveCreated = Instant.now();
        api.createAutomation(Map.of(
                "name", "restart-silent",
                "trigger", Map.of("type", "event", "expect", List.of("restart.heartbeat." + UUID.randomUUID()),
                        "posture", "Proactive", "threshold", 1, "within", PROACTIVE_WINDOW.toSeconds()),
                "actions", List.of(),
                "actions_on_trigger", List.of(webhook(blockId,
                        "{\"kind\": \"proactive\", \"window_end\": \"{{ event.occurred }}\"}"))));

        api.postEvents(List.of(VigilApi.event(ping, "restart.resource")));
        await("the first ping counted").atMost(AWAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> bucketCounts(gateway, prefix, counting).equals(List.of(1)));
        Duration untilKill = BEFORE_KILL.minus(Duration.between(proactiveCreated, Instant.now()));
        if (!untilKill.isNegative()) {
            Thread.sleep(untilKill.toMillis());
        }
        VigilSystem.kill(VigilService.EVALUATOR);
        VigilSystem.restart(VigilService.EVALUATOR);
        assertThat(bucketCounts(gateway, prefix, counting)).as("the count after the restart").containsExactly(1);

        api.postEvents(List.of(VigilApi.event(ping, "restart.resource")));
        await("the reactive firing and the first proactive window's").atMost(AWAIT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> calls("reactive").size() == 1 && !calls("proactive").isEmpty());
        assertThat(calls("reactive")).singleElement()
                .satisfies(call -> assertThat(call.path("id").asText()).isEqualTo("restart.resource"));
        Instant windowEnd = Instant.parse(calls("proactive").get(0).path("window_end").asText());
        System.out.printf("EvaluatorRestartIT: proactive window ended %d ms after the automation was created%n",
                Duration.between(proactiveCreated, windowEnd).toMillis());
        // A window reopened by the new process would end at least BEFORE_KILL + PROACTIVE_WINDOW after creation.
        assertThat(windowEnd).isBefore(proactiveCreated.plus(PROACTIVE_WINDOW).plus(OPENING_SLACK));
    }

    private static Map<String, Object> webhook(String blockId, String payload) {
        return Map.of("type", "call-webhook", "block_document_id", blockId, "payload", payload);
    }

    private static List<Integer> bucketCounts(String gateway, ApiPrefix prefix, String automationId) {
        return given().baseUri(gateway).get(prefix.path("/automations/" + automationId + "/state"))
                .then().statusCode(200).extract().path("buckets.count");
    }

    /** The bodies the receiver got, of one kind, in arrival order. */
    private List<JsonNode> calls(String kind) throws IOException {
        List<JsonNode> calls = new ArrayList<>();
        List<ServeEvent> served = new ArrayList<>(receiver.getAllServeEvents());
        served.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
        for (ServeEvent event : served) {
            JsonNode body = json.readTree(event.getRequest().getBodyAsString());
            if (kind.equals(body.path("kind").asText())) {
                calls.add(body);
            }
        }
        return calls;
    }
}
