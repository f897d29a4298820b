package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The editor's block picker and template preview (a backtest of one event), with their errors and CSRF refusal;
 * and the explain view's verdict tree of a compound automation.
 */
@QuarkusTest
class ActionEditorPagesTest extends SignedInPageTest {

    private static final String HOOK = "5a0c7f3e-0000-4000-8000-00000000000a";
    private static final String SLACK = "5a0c7f3e-0000-4000-8000-00000000000b";
    private static final String DOCUMENT = """
            {"name": "etl failed", "trigger": {"type": "event", "posture": "Reactive", "expect": ["flow.failed"],
             "threshold": 1, "within": 0}, "actions": [{"type": "call-webhook", "block_document_id": "%s",
             "payload": "{{ event.resource.name }} failed"}]}""".formatted(HOOK);

    @BeforeEach
    void stubBlocks() {
        services().stubFor(post(urlEqualTo("/api/block_documents/filter"))
                .willReturn(json(200, """
                        [{"id": "%s", "name": "ops-hook", "block_type_slug": "webhook", "data": {"url": "********"}},
                         {"id": "%s", "name": "team-slack", "block_type_slug": "slack-webhook", "data": {}},
                         {"id": "%s", "name": "not-an-action-target", "block_type_slug": "secret", "data": {}}]"""
                        .formatted(HOOK, SLACK, UUID.randomUUID()))));
    }

    @Test
    void theEditorOffersTheWorkspacesBlocksByTheActionThatTakesThem() {
        signedIn().get("/automations/new")
                .then().statusCode(200)
                .body(containsString("<option value=\"" + HOOK + "\">ops-hook (webhook)</option>"))
                .body(not(containsString("team-slack")))
                .body(not(containsString("not-an-action-target")))
                .body(containsString("prefect.flow-run.Failed"));
        signedIn().formParam("csrf", CSRF).formParam("document", DOCUMENT).formParam("action_type", "send-notification")
                .post("/automations/action-form")
                .then().statusCode(200)
                .body(containsString("<option value=\"" + SLACK + "\">team-slack (slack-webhook)</option>"))
                .body(not(containsString("ops-hook")))
                .body(containsString("<label for=\"action_body\">"))
                .body(containsString("&quot;name&quot;: &quot;etl failed&quot;"));
    }

    @Test
    void pickingABlockAddsAnActionThatNamesIt() {
        signedIn().formParam("csrf", CSRF).formParam("document", DOCUMENT).formParam("action_type", "send-notification")
                .formParam("action_block_document_id", SLACK).formParam("action_body", "{{ event.event }} happened")
                .post("/automations/add-action")
                .then().statusCode(200)
                .body(containsString("&quot;type&quot; : &quot;send-notification&quot;"))
                .body(containsString("&quot;block_document_id&quot; : &quot;" + SLACK + "&quot;"))
                .body(containsString("&quot;name&quot; : &quot;etl failed&quot;"))
                .body(containsString("Added a send-notification action as actions.1."));
        signedIn().formParam("csrf", CSRF).formParam("document", "{ not json").formParam("action_type", "call-webhook")
                .formParam("action_block_document_id", HOOK).post("/automations/add-action")
                .then().statusCode(422).body(containsString("Fix the document first, then add the action (JSON line 1"))
                .body(containsString("{ not json</textarea>"));
        signedIn().formParam("csrf", CSRF).formParam("document", DOCUMENT).formParam("action_type", "call-webhook")
                .formParam("action_block_document_id", UUID.randomUUID().toString()).post("/automations/add-action")
                .then().statusCode(422).body(containsString("Choose a block of this workspace."));
    }

    @Test
    void thePreviewRendersTheTemplatesThroughABacktestOfThatEventAlone() {
        services().stubFor(post(urlEqualTo("/api/automations/backtest"))
                .willReturn(json(200, """
                        {"firings": [{"state": "Triggered", "at": "2026-12-07T04:00:00Z", "actions": [
                          {"type": "call-webhook", "payload": "nightly-etl-run failed"}]}], "warnings": []}""")));
        signedIn().formParam("csrf", CSRF).formParam("document", DOCUMENT)
                .formParam("preview_event", "").formParam("preview_event_id", "")
                .post("/automations/preview")
                .then().statusCode(200)
                .body(containsString("id=\"previews\""))
                .body(containsString("nightly-etl-run failed"))
                .body(not(containsString(KEY)));
        services().verify(postRequestedFor(urlEqualTo("/api/automations/backtest"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(matchingJsonPath("$.events[0].event", equalTo("prefect.flow-run.Failed")))
                .withRequestBody(matchingJsonPath("$.automation.trigger.expect[0]", equalTo("prefect.flow-run.Failed")))
                .withRequestBody(matchingJsonPath("$.automation.trigger.threshold", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.automation.enabled", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.automation.actions[0].payload",
                        equalTo("{{ event.resource.name }} failed"))));
    }

    @Test
    void thePreviewCanUseAStoredEventAndShowsWhyItCouldNotRender() {
        String eventId = UUID.randomUUID().toString();
        services().stubFor(post(urlEqualTo("/api/events/filter"))
                .willReturn(json(200, """
                        {"events": [{"id": "%s", "occurred": "2026-12-07T04:00:00Z", "event": "flow.failed",
                          "resource": {"prefect.resource.id": "run.1"}, "related": [], "payload": {}}]}"""
                        .formatted(eventId))));
        services().stubFor(post(urlEqualTo("/api/automations/backtest"))
                .willReturn(json(422, """
                        {"exception_message": "Invalid request received.", "exception_detail": [
                          {"loc": ["body", "automation", "actions", 0, "payload"], "msg": "unexpected end of template",
                           "type": "template_invalid"}]}""")));
        signedIn().formParam("csrf", CSRF).formParam("document", DOCUMENT)
                .formParam("preview_event_id", eventId).post("/automations/preview")
                .then().statusCode(200)
                .body(containsString("automation.actions.0.payload: unexpected end of template"));
        services().verify(postRequestedFor(urlEqualTo("/api/automations/backtest"))
                .withRequestBody(matchingJsonPath("$.events[0].id", equalTo(eventId))));

        signedIn().formParam("csrf", CSRF).formParam("document", DOCUMENT)
                .formParam("preview_event", "[1, 2").post("/automations/preview")
                .then().statusCode(200).body(containsString("The event is not JSON"));
    }

    @Test
    void theToolsRefuseAFormWithoutTheSessionsToken() {
        for (String path : new String[] {"/automations/add-action", "/automations/action-form", "/automations/preview"}) {
            signedIn().formParam("document", DOCUMENT)
                    .formParam("action_block_document_id", HOOK).post(path).then().statusCode(403);
            given().redirects().follow(false).formParam("csrf", CSRF).formParam("document", DOCUMENT).post(path)
                    .then().statusCode(303).header("Location", containsString("/signin"));
        }
        services().verify(0, postRequestedFor(urlEqualTo("/api/automations/backtest")));
    }

    @Test
    void theExplainViewShowsEachChildsVerdictAsATree() {
        String id = UUID.randomUUID().toString();
        services().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                urlEqualTo("/api/automations/" + id)).willReturn(json(200, """
                        {"id": "%s", "name": "both", "enabled": true, "tags": [],
                         "trigger": {"type": "compound", "require": "all", "within": 600, "triggers": [
                           {"type": "event", "posture": "Reactive", "expect": ["flow.failed"], "threshold": 1, "within": 0},
                           {"type": "sequence", "triggers": [
                             {"type": "event", "posture": "Reactive", "expect": ["flow.retried"], "threshold": 1,
                              "within": 0}]}]},
                         "actions": [{"type": "do-nothing"}]}""".formatted(id))));
        services().stubFor(post(urlEqualTo("/api/automations/" + id + "/explain"))
                .willReturn(json(200, dev.vigil.console.automation.ExplainViewTestData.COMPOSITE)));
        signedIn().formParam("csrf", CSRF)
                .formParam("event", "{\"id\": \"" + UUID.randomUUID() + "\", \"event\": \"flow.failed\","
                        + " \"occurred\": \"2026-12-07T04:00:00Z\", \"resource\": {\"prefect.resource.id\": \"r\"}}")
                .post("/automations/" + id + "/explain")
                .then().statusCode(200)
                .body(containsString("<ul class=\"tree\" id=\"verdict-tree\""))
                .body(containsString("<strong>compound: 2 of 2 (require all), within 600 s</strong>"))
                .body(containsString("<a href=\"#trigger-b\">event trigger on flow.retried</a>"))
                .body(containsString("id=\"trigger-b\""));
    }
}
