package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.vigil.console.session.Session;
import dev.vigil.console.session.SessionCodec;
import dev.vigil.console.session.SessionCookies;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The editor's block picker and template preview (a backtest of one event), with their errors and CSRF refusal;
 * and the explain view's verdict tree of a compound automation.
 */
@QuarkusTest
@QuarkusTestResource(ServicesStub.class)
class ActionEditorPagesTest {

    private static final String KEY = "vgl_test-key-that-must-never-reach-the-browser";
    private static final String CSRF = "form-token-of-this-session";
    private static final String JSON = "application/json";
    private static final String HOOK = "5a0c7f3e-0000-4000-8000-00000000000a";
    private static final String SLACK = "5a0c7f3e-0000-4000-8000-00000000000b";
    private static final String DOCUMENT = """
            {"name": "etl failed", "trigger": {"type": "event", "posture": "Reactive", "expect": ["flow.failed"],
             "threshold": 1, "within": 0}, "actions": [{"type": "call-webhook", "block_document_id": "%s",
             "payload": "{{ event.resource.name }} failed"}]}""".formatted(HOOK);

    @Inject
    SessionCodec codec;

    @BeforeEach
    void stubBlocks() {
        ServicesStub.server().resetAll();
        ServicesStub.server().stubFor(post(urlEqualTo("/api/block_documents/filter"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody("""
                        [{"id": "%s", "name": "ops-hook", "block_type_slug": "webhook", "data": {"url": "********"}},
                         {"id": "%s", "name": "team-slack", "block_type_slug": "slack-webhook", "data": {}},
                         {"id": "%s", "name": "not-an-action-target", "block_type_slug": "secret", "data": {}}]"""
                        .formatted(HOOK, SLACK, UUID.randomUUID()))));
    }

    private String session() {
        return codec.seal(new Session(KEY, "", CSRF, Instant.now().plus(Duration.ofHours(1))));
    }

    @Test
    void theEditorOffersTheWorkspacesBlocksByTheActionThatTakesThem() {
        given().cookie(SessionCookies.SESSION, session()).get("/automations/new")
                .then().statusCode(200)
                .body(containsString("<option value=\"" + HOOK + "\">ops-hook</option>"))
                .body(containsString("<option value=\"" + SLACK + "\">team-slack (slack-webhook)</option>"))
                .body(not(containsString("not-an-action-target")))
                .body(containsString("prefect.flow-run.Failed"));
    }

    @Test
    void pickingABlockAddsAnActionThatNamesIt() {
        given().cookie(SessionCookies.SESSION, session()).formParam("csrf", CSRF).formParam("document", DOCUMENT)
                .formParam("block_id", SLACK).post("/automations/add-action")
                .then().statusCode(200)
                .body(containsString("&quot;type&quot; : &quot;send-notification&quot;"))
                .body(containsString("&quot;block_document_id&quot; : &quot;" + SLACK + "&quot;"))
                .body(containsString("&quot;name&quot; : &quot;etl failed&quot;"));
        given().cookie(SessionCookies.SESSION, session()).formParam("csrf", CSRF).formParam("document", "{ not json")
                .formParam("block_id", HOOK).post("/automations/add-action")
                .then().statusCode(422).body(containsString("The document is not JSON yet"))
                .body(containsString("{ not json</textarea>"));
        given().cookie(SessionCookies.SESSION, session()).formParam("csrf", CSRF).formParam("document", DOCUMENT)
                .formParam("block_id", UUID.randomUUID().toString()).post("/automations/add-action")
                .then().statusCode(422).body(containsString("Choose a block of this workspace."));
    }

    @Test
    void thePreviewRendersTheTemplatesThroughABacktestOfThatEventAlone() {
        ServicesStub.server().stubFor(post(urlEqualTo("/api/automations/backtest"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody("""
                        {"firings": [{"state": "Triggered", "at": "2026-12-07T04:00:00Z", "actions": [
                          {"type": "call-webhook", "payload": "nightly-etl-run failed"}]}], "warnings": []}""")));
        given().cookie(SessionCookies.SESSION, session()).formParam("csrf", CSRF).formParam("document", DOCUMENT)
                .formParam("preview_event", "").formParam("preview_event_id", "")
                .post("/automations/preview")
                .then().statusCode(200)
                .body(containsString("id=\"previews\""))
                .body(containsString("nightly-etl-run failed"))
                .body(not(containsString(KEY)));
        ServicesStub.server().verify(postRequestedFor(urlEqualTo("/api/automations/backtest"))
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
        ServicesStub.server().stubFor(post(urlEqualTo("/api/events/filter"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody("""
                        {"events": [{"id": "%s", "occurred": "2026-12-07T04:00:00Z", "event": "flow.failed",
                          "resource": {"prefect.resource.id": "run.1"}, "related": [], "payload": {}}]}"""
                        .formatted(eventId))));
        ServicesStub.server().stubFor(post(urlEqualTo("/api/automations/backtest"))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", JSON).withBody("""
                        {"exception_message": "Invalid request received.", "exception_detail": [
                          {"loc": ["body", "automation", "actions", 0, "payload"], "msg": "unexpected end of template",
                           "type": "template_invalid"}]}""")));
        given().cookie(SessionCookies.SESSION, session()).formParam("csrf", CSRF).formParam("document", DOCUMENT)
                .formParam("preview_event_id", eventId).post("/automations/preview")
                .then().statusCode(200)
                .body(containsString("automation.actions.0.payload: unexpected end of template"));
        ServicesStub.server().verify(postRequestedFor(urlEqualTo("/api/automations/backtest"))
                .withRequestBody(matchingJsonPath("$.events[0].id", equalTo(eventId))));

        given().cookie(SessionCookies.SESSION, session()).formParam("csrf", CSRF).formParam("document", DOCUMENT)
                .formParam("preview_event", "[1, 2").post("/automations/preview")
                .then().statusCode(200).body(containsString("The event is not JSON"));
    }

    @Test
    void theToolsRefuseAFormWithoutTheSessionsToken() {
        for (String path : new String[] {"/automations/add-action", "/automations/preview"}) {
            given().cookie(SessionCookies.SESSION, session()).formParam("document", DOCUMENT)
                    .formParam("block_id", HOOK).post(path).then().statusCode(403);
            given().redirects().follow(false).formParam("csrf", CSRF).formParam("document", DOCUMENT).post(path)
                    .then().statusCode(303).header("Location", containsString("/signin"));
        }
        ServicesStub.server().verify(0, postRequestedFor(urlEqualTo("/api/automations/backtest")));
    }

    @Test
    void theExplainViewShowsEachChildsVerdictAsATree() {
        String id = UUID.randomUUID().toString();
        ServicesStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                urlEqualTo("/api/automations/" + id)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", JSON).withBody("""
                        {"id": "%s", "name": "both", "enabled": true, "tags": [],
                         "trigger": {"type": "compound", "require": "all", "within": 600, "triggers": [
                           {"type": "event", "posture": "Reactive", "expect": ["flow.failed"], "threshold": 1, "within": 0},
                           {"type": "sequence", "triggers": [
                             {"type": "event", "posture": "Reactive", "expect": ["flow.retried"], "threshold": 1,
                              "within": 0}]}]},
                         "actions": [{"type": "do-nothing"}]}""".formatted(id))));
        ServicesStub.server().stubFor(post(urlEqualTo("/api/automations/" + id + "/explain"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON)
                        .withBody(dev.vigil.console.automation.ExplainViewTestData.COMPOSITE)));
        given().cookie(SessionCookies.SESSION, session()).formParam("csrf", CSRF)
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
