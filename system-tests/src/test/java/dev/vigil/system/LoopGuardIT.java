package dev.vigil.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two loops, through the real services and gateway: an automation reacting to its own
 * {@code prefect.automation.action.executed} events, and a call-webhook action posting to its workspace's
 * own {@code /hooks/{slug}}, whose template produces the triggering event. Both stop at the default causal
 * depth (3) with a {@code prefect.automation.loop-detected} event and fire no more. The stop time (from the seed
 * event to the loop-detected event's {@code received}) is printed against the 10 s target, not asserted:
 * it is a timing goal, and on a loaded box each hop of the chain is slower.
 */
@ExtendWith(VigilSystem.class)
class LoopGuardIT {

    private static final String LOOP_DETECTED = "prefect.automation.loop-detected";
    private static final String TRIGGERED = "prefect.automation.triggered";
    private static final int MAX_DEPTH = 3;
    private static final Duration STOP_TARGET = Duration.ofSeconds(10);
    /** Generous: on a loaded box the pipeline itself may lag; the bound above is on event times. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(250);

    @Test
    void anAutomationReactingToItsOwnActionEventsStops() {
        ApiPrefix prefix = ApiPrefix.freshWorkspace();
        VigilApi api = new VigilApi(VigilSystem.gatewayUrl(), prefix);
        String seed = "loop.self.seed";
        String id = api.createAutomation(Map.of(
                "name", "self-loop",
                "trigger", Map.of("type", "event", "posture", "Reactive", "threshold", 1, "within", 0,
                        "expect", List.of(seed, "prefect.automation.action.executed")),
                "actions", List.of(Map.of("type", "do-nothing"))));
        measureStop("self-trigger", prefix, id, () -> api.postEvents(List.of(VigilApi.event(seed, "loop.seed.1"))));
    }

    @Test
    void aWebhookCallToTheWorkspacesOwnHookStops() {
        ApiPrefix prefix = ApiPrefix.freshWorkspace();
        VigilApi api = new VigilApi(VigilSystem.gatewayUrl(), prefix);
        String seed = "loop.hook.seed";
        String hooked = "loop.hook.called";
        JsonPath hook = given().baseUri(VigilSystem.gatewayUrl()).contentType(ContentType.JSON)
                .body(Map.of("name", "loop-hook", "template",
                        "{\"event\": \"" + hooked + "\", \"resource\": {\"prefect.resource.id\": \"hooked.1\"}}"))
                .post(prefix.path("/webhooks")).then().statusCode(201).extract().jsonPath();
        String blockId = api.createWebhookBlock("own-hook", hook.getString("url"));
        String id = api.createAutomation(Map.of(
                "name", "hook-loop",
                "trigger", Map.of("type", "event", "posture", "Reactive", "threshold", 1, "within", 0,
                        "expect", List.of(seed, hooked)),
                "actions", List.of(Map.of("type", "call-webhook", "block_document_id", blockId,
                        "payload", "{\"from\": \"{{ event.event }}\"}"))));
        measureStop("webhook loop", prefix, id, () -> api.postEvents(List.of(VigilApi.event(seed, "loop.seed.2"))));
    }

    private static void measureStop(String scenario, ApiPrefix prefix, String automationId, Runnable seed) {
        String resource = "prefect.automation." + automationId;
        Instant started = Instant.now();
        seed.run();
        await(scenario + ": the loop-detected event (logs: " + VigilSystem.logDir() + ")").atMost(WAIT)
                .pollInterval(POLL).until(() -> !events(prefix, resource, LOOP_DETECTED).isEmpty());
        Map<String, Object> loop = events(prefix, resource, LOOP_DETECTED).get(0);
        Instant detected = OffsetDateTime.parse((String) loop.get("received")).toInstant();
        // Stopped: nothing fires any more.
        int firings = events(prefix, resource, TRIGGERED).size();
        await(scenario + ": no firing after the loop was detected").during(QUIET).atMost(QUIET.plusSeconds(5))
                .pollInterval(POLL).until(() -> events(prefix, resource, TRIGGERED).size() == firings);
        Duration stop = Duration.between(started, detected);
        System.out.printf("loop-guard %s: stopped %d ms after the seed event (target %d ms), after %d firings%n",
                scenario, stop.toMillis(), STOP_TARGET.toMillis(), firings);
        assertThat(firings).isEqualTo(MAX_DEPTH);
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) loop.get("payload");
        assertThat((List<?>) payload.get("chain")).hasSize(MAX_DEPTH + 1).allMatch(automationId::equals);
    }

    private static List<Map<String, Object>> events(ApiPrefix prefix, String resourceId, String name) {
        Map<String, Object> filter = Map.of(
                "occurred", Map.of("since", Instant.now().minus(Duration.ofHours(1)).toString(),
                        "until", Instant.now().plus(Duration.ofHours(1)).toString()),
                "event", Map.of("name", List.of(name)),
                "resource", Map.of("id", List.of(resourceId)));
        return given().baseUri(VigilSystem.gatewayUrl()).contentType(ContentType.JSON)
                .body(Map.of("filter", filter, "limit", 50))
                .post(prefix.path("/events/filter")).then().statusCode(200).extract().jsonPath().getList("events");
    }
}
