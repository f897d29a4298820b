package dev.vigil.evaluator.backtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BacktestResourceTest {

    private static String event(String id, String name, String resource, String occurred, String follows) {
        return """
                {"id": "%s", "occurred": "%s", "event": "%s", "resource": {"prefect.resource.id": "%s"}%s}"""
                .formatted(id, occurred, name, resource, follows == null ? "" : ", \"follows\": \"" + follows + "\"");
    }

    private static String request(String trigger, String actions, List<String> events, String until) {
        return """
                {"automation": {"name": "bt", "trigger": %s, "actions": %s},
                 "start": "2026-01-01T00:00:00Z", "events": [%s], "until": "%s"}"""
                .formatted(trigger, actions, String.join(",", events), until);
    }

    @Test
    void reactiveFiringsComeWithRenderedActions() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String body = request("""
                {"posture": "Reactive", "expect": ["pinged"], "for_each": ["prefect.resource.id"],
                 "threshold": 2, "within": 60}""", """
                [{"type": "call-webhook", "block_document_id": "%s",
                  "payload": "{\\"id\\": \\"{{ event.resource.id }}\\"}"}]""".formatted(UUID.randomUUID()),
                List.of(event(first, "pinged", "my.resource.1", "2026-01-01T00:00:10Z", null),
                        event(UUID.randomUUID().toString(), "ignored", "my.resource.1", "2026-01-01T00:00:11Z", null),
                        event(second, "pinged", "my.resource.1", "2026-01-01T00:00:12Z", null)),
                "2026-01-01T00:05:00Z");
        // The firing resolves when the window after it, [70, 130), closes quietly.
        given().contentType(ContentType.JSON).body(body).post("/api/automations/backtest").then().statusCode(200)
                .body("firings.state", contains("Triggered", "Resolved"))
                .body("firings[0].state", equalTo("Triggered"))
                .body("firings[0].at", equalTo("2026-01-01T00:00:12Z"))
                .body("firings[0].triggering_event_id", equalTo(second))
                .body("firings[0].bucket.'prefect.resource.id'", equalTo("my.resource.1"))
                .body("firings[0].actions[0].type", equalTo("call-webhook"))
                .body("firings[0].actions[0].payload", equalTo("{\"id\": \"my.resource.1\"}"));
    }

    @Test
    void aMetricTriggerFiresAndResolvesWithItsValueAvailableToTemplates() {
        String deployment = "prefect.deployment." + UUID.randomUUID();
        List<String> events = new java.util.ArrayList<>();
        String[][] states = {{"a", "Completed", "COMPLETED"}, {"b", "Failed", "FAILED"}, {"c", "Completed", "COMPLETED"},
                {"d", "Crashed", "CRASHED"}};
        for (String[] state : states) {
            events.add("""
                    {"id": "%s", "occurred": "2026-01-01T00:00:20Z", "event": "prefect.flow-run.%s",
                     "resource": {"prefect.resource.id": "prefect.flow-run.%s", "prefect.state-type": "%s"},
                     "related": [{"prefect.resource.id": "%s", "prefect.resource.role": "deployment"}]}"""
                    .formatted(UUID.randomUUID(), state[1], UUID.nameUUIDFromBytes(state[0].getBytes()), state[2],
                            deployment));
        }
        String body = request("""
                {"type": "metric", "posture": "Metric",
                 "match_related": {"prefect.resource.role": "deployment", "prefect.resource.id": "%s"},
                 "metric": {"name": "successes", "operator": "<", "threshold": 0.9, "range": 600, "firing_for": 300}}"""
                .formatted(deployment), """
                [{"type": "call-webhook", "block_document_id": "%s",
                  "payload": "success rate fell to {{ (firing.triggering_value * 100) | round | int }} %%"}]"""
                .formatted(UUID.randomUUID()), events, "2026-01-01T01:00:00Z");
        // 2 of 4 from the evaluation at 30 s; fires at 330 s; the runs leave the 600 s range at 620 s
        given().contentType(ContentType.JSON).body(body).post("/api/automations/backtest").then().statusCode(200)
                .body("firings.state", contains("Triggered", "Resolved"))
                .body("firings[0].at", equalTo("2026-01-01T00:05:30Z"))
                .body("firings[0].triggering_value", equalTo(0.5f))
                .body("firings[0].actions[0].payload", equalTo("success rate fell to 50 %"))
                .body("firings[1].at", equalTo("2026-01-01T00:10:30Z"));
    }

    @Test
    void resolvedFiringsComeInOrderWithTheirActionsOnResolveRendered() {
        String ping = UUID.randomUUID().toString();
        String body = """
                {"automation": {"name": "bt", "trigger": {"posture": "Reactive", "expect": ["pinged"],
                   "for_each": ["prefect.resource.id"], "threshold": 1, "within": 60},
                  "actions": [{"type": "do-nothing"}],
                  "actions_on_trigger": [{"type": "do-nothing"}],
                  "actions_on_resolve": [{"type": "call-webhook", "block_document_id": "%s",
                    "payload": "{{ event.event }} {{ event.payload.triggering_labels['prefect.resource.id'] }}"}]},
                 "start": "2026-01-01T00:00:00Z", "events": [%s], "until": "2026-01-01T00:05:00Z"}"""
                .formatted(UUID.randomUUID(), event(ping, "pinged", "my.resource.1", "2026-01-01T00:00:10Z", null));
        given().contentType(ContentType.JSON).body(body).post("/api/automations/backtest").then().statusCode(200)
                .body("firings.state", contains("Triggered", "Resolved"))
                // Fired at 10 in the window ending at 70; the quiet window [70, 130) resolves it at its end.
                .body("firings.at", contains("2026-01-01T00:00:10Z", "2026-01-01T00:02:10Z"))
                .body("firings[1].triggering_event_id", equalTo(null))
                .body("firings[1].bucket.'prefect.resource.id'", equalTo("my.resource.1"))
                .body("firings[1].actions.type", contains("call-webhook"))
                .body("firings[1].actions[0].payload", equalTo("prefect.automation.resolved my.resource.1"));
    }

    @Test
    void proactiveFiringsLandExactlyOnWindowEnds() {
        String body = request("""
                {"posture": "Proactive", "expect": ["heartbeat"], "threshold": 1, "within": 60}""",
                "[{\"type\": \"do-nothing\"}]",
                List.of(event(UUID.randomUUID().toString(), "heartbeat", "svc", "2026-01-01T00:01:30Z", null)),
                "2026-01-01T00:04:00Z");
        // [0,60) silent: fires at 60; [60,120) has the heartbeat, which resolves it; [120,180) and
        // [180,240) are silent.
        given().contentType(ContentType.JSON).body(body).post("/api/automations/backtest").then().statusCode(200)
                .body("firings.at", contains("2026-01-01T00:01:00Z", "2026-01-01T00:01:30Z",
                        "2026-01-01T00:03:00Z", "2026-01-01T00:04:00Z"))
                .body("firings.state", contains("Triggered", "Resolved", "Triggered", "Triggered"));
    }

    @Test
    void aFollowerIsProcessedRightAfterItsLeader() {
        String leader = UUID.randomUUID().toString();
        String follower = UUID.randomUUID().toString();
        String body = request("""
                {"type": "sequence", "within": null, "triggers": [
                  {"posture": "Reactive", "expect": ["opened"]}, {"posture": "Reactive", "expect": ["closed"]}]}""",
                "[{\"type\": \"do-nothing\"}]",
                List.of(event(follower, "closed", "x", "2026-01-01T00:00:10Z", leader),
                        event(leader, "opened", "x", "2026-01-01T00:00:05Z", null)),
                "2026-01-01T00:01:00Z");
        given().contentType(ContentType.JSON).body(body).post("/api/automations/backtest").then().statusCode(200)
                .body("firings", hasSize(1)).body("firings[0].triggering_event_id", equalTo(follower));
    }

    @Test
    void firingsComeInTheOrderEvaluationProducedThemNotSortedByTime() {
        // Five events arrive as 4, 1, 5, 2, 3 (their occurred seconds); each fires its own bucket.
        List<String> ids = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int second : new int[] {4, 1, 5, 2, 3}) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            events.add(event(id, "pinged", "my.resource." + second, "2026-01-01T00:00:0" + second + "Z", null));
        }
        String body = request("""
                {"posture": "Reactive", "expect": ["pinged"], "for_each": ["prefect.resource.id"],
                 "threshold": 1, "within": 60}""", "[{\"type\": \"do-nothing\"}]", events, "2026-01-01T00:00:30Z");
        given().contentType(ContentType.JSON).body(body).post("/api/automations/backtest").then().statusCode(200)
                .body("firings.triggering_event_id", contains(ids.toArray()))
                .body("warnings", hasSize(0));
    }

    @Test
    void aDisabledAutomationIsNotEvaluatedAndTheReplySaysWhy() {
        String body = """
                {"automation": {"name": "bt", "enabled": false, "trigger": {"posture": "Reactive",
                   "expect": ["pinged"], "threshold": 1, "within": 0}, "actions": [{"type": "do-nothing"}]},
                 "start": "2026-01-01T00:00:00Z", "events": [%s], "until": "2026-01-01T00:05:00Z"}"""
                .formatted(event(UUID.randomUUID().toString(), "pinged", "my.resource.1", "2026-01-01T00:00:10Z",
                        null));
        given().contentType(ContentType.JSON).body(body).post("/api/automations/backtest").then().statusCode(200)
                .body("firings", hasSize(0))
                .body("warnings", hasSize(1))
                .body("warnings[0]", containsString("disabled"));
    }

    @Test
    void anInvalidAutomationIs422AsInTheAutomationsApi() {
        String body = request("{\"posture\": \"Proactive\", \"within\": 3}", "[]", List.of(),
                "2026-01-01T00:01:00Z");
        given().contentType(ContentType.JSON).body(body).post("/api/automations/backtest").then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "trigger", "within")));
    }

    @Test
    void moreThanAHundredThousandEventsIs413() {
        List<String> events = new ArrayList<>(100_001);
        String one = event(UUID.randomUUID().toString(), "e", "r", "2026-01-01T00:00:01Z", null);
        for (int i = 0; i < 100_001; i++) {
            events.add(one);
        }
        String body = request("{\"posture\": \"Reactive\", \"expect\": [\"e\"]}", "[]", events,
                "2026-01-01T00:01:00Z");
        given().contentType(ContentType.JSON).body(body).post("/api/automations/backtest").then().statusCode(413)
                .body("detail", containsString("100000"));
    }
}
