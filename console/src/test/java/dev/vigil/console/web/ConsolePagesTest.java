package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.vigil.console.session.SessionCookies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The console's pages against a stand-in for the services: the redirect when signed out, sign-in, CSRF
 * refusal, the API's 422 shown in the editor, the list with its summaries, and the security headers.
 */
@QuarkusTest
class ConsolePagesTest extends SignedInPageTest {


    @Test
    void pagesRedirectToSignInWhenSignedOut() {
        for (String path : new String[] {"/", "/automations", "/events", "/deliveries", "/automations/new"}) {
            given().redirects().follow(false).get(path)
                    .then().statusCode(303).header("Location", containsString("/signin"));
        }
        given().redirects().follow(false).header("HX-Request", "true").get("/events/feed")
                .then().statusCode(204).header("HX-Redirect", "/signin");
        given().redirects().follow(false).cookie(SessionCookies.SESSION, "forged-or-expired").get("/automations")
                .then().statusCode(303).header("Location", containsString("/signin"));
    }

    @Test
    void signInChecksTheKeyAndSetsAStrictHttpOnlyCookie() {
        services().stubFor(post(urlEqualTo("/api/automations/count"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .willReturn(json(200, "0")));
        Response form = given().get("/signin");
        form.then().statusCode(200).body(containsString("<label for=\"api_key\">"));
        String token = form.getCookie(SessionCookies.SIGN_IN);
        assertThat(form.getDetailedCookie(SessionCookies.SIGN_IN).isHttpOnly()).isTrue();

        Response signedIn = given().redirects().follow(false).cookie(SessionCookies.SIGN_IN, token)
                .formParam("csrf", token).formParam("api_key", KEY).post("/signin");
        signedIn.then().statusCode(303).header("Location", containsString("/"));
        String setCookie = signedIn.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SessionCookies.SESSION + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").doesNotContain(KEY);
    }

    @Test
    void signInRefusesAnUnknownKeyAndAFormWithoutItsToken() {
        services().stubFor(post(urlEqualTo("/api/automations/count"))
                .willReturn(json(401, "{\"detail\": \"Unknown or revoked API key\"}")));
        String token = given().get("/signin").getCookie(SessionCookies.SIGN_IN);
        given().cookie(SessionCookies.SIGN_IN, token).formParam("csrf", token).formParam("api_key", "vgl_wrong")
                .post("/signin")
                .then().statusCode(401).body(containsString("unknown, revoked")).body(not(containsString("vgl_wrong")));
        given().formParam("csrf", "made-up").formParam("api_key", KEY).post("/signin")
                .then().statusCode(403);
    }

    @Test
    void formsWithoutTheSessionsTokenAreRefused() {
        String id = UUID.randomUUID().toString();
        signedIn().formParam("document", "{}").post("/automations/new")
                .then().statusCode(403).body(containsString("Form refused"));
        signedIn().formParam("csrf", "another-sessions-token")
                .formParam("enabled", "false").post("/automations/" + id + "/enabled")
                .then().statusCode(403);
        signedIn().post("/signout").then().statusCode(403);
        services().verify(0, patchRequestedFor(urlPathEqualTo("/api/automations/" + id)));
        services().verify(0, postRequestedFor(urlEqualTo("/api/automations/")));
    }

    @Test
    void theEditorShowsTheApisFieldErrorsInline() {
        services().stubFor(post(urlEqualTo("/api/automations/"))
                .willReturn(json(422, """
                        {"exception_message": "Invalid request received.", "exception_detail": [
                          {"loc": ["body", "trigger", "threshold"], "msg": "Input should be greater than 0",
                           "type": "greater_than"}]}""")));
        String document = "{\"name\": \"bad\", \"trigger\": {\"threshold\": -1}, \"actions\": []}";
        signedIn().formParam("csrf", CSRF).formParam("document", document)
                .post("/automations/new")
                .then().statusCode(422)
                .body(containsString("<code class=\"path\">trigger.threshold</code>"))
                .body(containsString("Input should be greater than 0"))
                .body(containsString("&quot;threshold&quot;: -1"))
                .body(not(containsString(KEY)));
    }

    @Test
    void aCreatedAutomationLeadsToItsPage() {
        String id = UUID.randomUUID().toString();
        services().stubFor(post(urlEqualTo("/api/automations/"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .willReturn(json(201, "{\"id\": \"" + id + "\"}")));
        signedIn().redirects().follow(false).formParam("csrf", CSRF)
                .formParam("document", "{\"name\": \"ok\"}").post("/automations/new")
                .then().statusCode(303).header("Location", containsString("/automations/" + id));
    }

    @Test
    void aYamlDocumentIsSentToTheApiAsJson() {
        String id = UUID.randomUUID().toString();
        services().stubFor(post(urlEqualTo("/api/automations/"))
                .withRequestBody(equalToJson("""
                        {"name": "from yaml", "trigger": {"type": "event", "posture": "Reactive",
                          "expect": ["animal.walked"], "threshold": 3, "within": 10},
                         "actions": [{"type": "do-nothing"}]}"""))
                .willReturn(json(201, "{\"id\": \"" + id + "\"}")));
        String yaml = """
                name: from yaml
                trigger:
                  type: event
                  posture: Reactive
                  expect: [animal.walked]
                  threshold: 3
                  within: 10
                actions:
                  - type: do-nothing
                """;
        signedIn().redirects().follow(false).formParam("csrf", CSRF)
                .formParam("document", yaml).post("/automations/new")
                .then().statusCode(303).header("Location", containsString("/automations/" + id));
    }

    @Test
    void aDocumentThatIsNeitherJsonNorYamlIsShownWithItsLineAndNothingIsSent() {
        signedIn().formParam("csrf", CSRF)
                .formParam("document", "{\"name\": \"broken\",\n  \"trigger\": }").post("/automations/new")
                .then().statusCode(422).body(containsString("JSON line 2, column"));
        signedIn().formParam("csrf", CSRF)
                .formParam("document", "name: a\n  - b: [").post("/automations/new")
                .then().statusCode(422).body(containsString("YAML line"));
        services().verify(0, postRequestedFor(urlEqualTo("/api/automations/")));
    }

    @Test
    void theListShowsSummariesAndTheToggleSendsAPatch() {
        String id = UUID.randomUUID().toString();
        services().stubFor(post(urlEqualTo("/api/automations/count"))
                .willReturn(json(200, "1")));
        services().stubFor(post(urlEqualTo("/api/automations/filter"))
                .willReturn(json(200, """
                        [{"id": "%s", "name": "marmots", "description": "", "enabled": true, "tags": ["zoo"],
                          "trigger": {"type": "event", "expect": ["animal.walked"],
                                      "match": {"genus": "Marmota", "species": "monax"},
                                      "for_each": ["prefect.resource.id"], "posture": "Reactive",
                                      "threshold": 3, "within": 10},
                          "actions": [{"type": "do-nothing"}]}]""".formatted(id))));
        signedIn().get("/automations")
                .then().statusCode(200)
                .body(containsString("When 3 or more `animal.walked` events from resources with genus Marmota and"
                        + " species monax occur within 10 seconds, per resource"))
                .body(containsString("marmots"))
                .body(containsString("value=\"" + CSRF + "\""))
                .body(not(containsString(KEY)));

        services().stubFor(patch(urlEqualTo("/api/automations/" + id))
                .willReturn(aResponse().withStatus(204)));
        signedIn().redirects().follow(false).formParam("csrf", CSRF)
                .formParam("enabled", "false").formParam("return_to", "/automations?tag=zoo")
                .post("/automations/" + id + "/enabled")
                .then().statusCode(303).header("Location", containsString("/automations?tag=zoo"));
        services().verify(patchRequestedFor(urlEqualTo("/api/automations/" + id))
                .withRequestBody(equalToJson("{\"enabled\": false}")));
    }

    @Test
    void aRevokedKeySignsTheUserOut() {
        services().stubFor(post(urlEqualTo("/api/automations/count"))
                .willReturn(json(401, "{\"detail\": \"Unknown or revoked API key\"}")));
        signedIn().redirects().follow(false).get("/automations")
                .then().statusCode(303).header("Location", containsString("/signin"))
                .header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void everyResponseCarriesAStrictContentSecurityPolicy() {
        given().get("/signin").then()
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", "DENY")
                .body(not(containsString("<script>")))
                .body(not(containsString("style=")));
    }

    @Test
    void htmxIsServedFromItsMavenArtifact() {
        given().get("/_static/htmx.org/2.0.2/dist/htmx.min.js").then().statusCode(200);
        given().get("/static/console.css").then().statusCode(200);
    }

    @Test
    void anEmptyListSaysHowToStart() {
        services().stubFor(post(urlEqualTo("/api/automations/count"))
                .willReturn(json(200, "0")));
        services().stubFor(post(urlEqualTo("/api/automations/filter"))
                .willReturn(json(200, "[]")));
        signedIn().get("/automations")
                .then().statusCode(200).body(containsString("No automations yet"));
    }

    @Test
    void theEventsFeedFragmentListsEvents() {
        services().stubFor(post(urlEqualTo("/api/events/filter"))
                .willReturn(json(200, """
                        {"events": [{"id": "7b1f2c9e-0000-4000-8000-000000000001", "occurred": "2026-12-07T04:00:00Z",
                          "event": "animal.walked", "resource": {"prefect.resource.id": "marmot.1"},
                          "related": [], "payload": {}}], "total": 1, "next_page": null}""")));
        signedIn().header("HX-Request", "true").get("/events/feed")
                .then().statusCode(200).body(containsString("animal.walked")).body(containsString("marmot.1"))
                .body(not(containsString("<html")));
        services().verify(postRequestedFor(urlEqualTo("/api/events/filter"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void anEventsPageShowsItsRelatedResourcesAndOffersTheAutomationsToExplainItAgainst() {
        String eventId = "7b1f2c9e-0000-4000-8000-000000000002";
        String automationId = UUID.randomUUID().toString();
        services().stubFor(post(urlEqualTo("/api/events/filter"))
                .willReturn(json(200, """
                        {"events": [{"id": "%s", "occurred": "2026-12-07T04:00:00Z", "event": "flow.failed",
                          "resource": {"prefect.resource.id": "run.1"},
                          "related": [{"prefect.resource.id": "prefect.flow.etl", "prefect.resource.role": "flow",
                                       "team": "data"}], "payload": {}}], "total": 1, "next_page": null}"""
                        .formatted(eventId))));
        services().stubFor(post(urlEqualTo("/api/automations/filter"))
                .willReturn(json(200, "[{\"id\": \"" + automationId + "\", \"name\": \"etl watch\"}]")));
        signedIn().get("/events/" + eventId)
                .then().statusCode(200)
                .body(containsString("<code>prefect.flow.etl</code>"))
                .body(containsString("team=data"))
                .body(containsString("<option value=\"" + automationId + "\">etl watch</option>"));
        signedIn().formParam("automation_id", automationId)
                .post("/events/" + eventId + "/explain")
                .then().statusCode(403);
    }

    @Test
    void aWebhooksPageShowsItsUrlAndRunsATestCall() {
        String id = UUID.randomUUID().toString();
        services().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/api/webhooks/" + id))
                .willReturn(json(200, """
                        {"id": "%s", "name": "github", "description": "", "enabled": true,
                         "url": "http://127.0.0.1:4200/hooks/slug-123"}""".formatted(id))));
        services().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        urlEqualTo("/api/webhooks/" + id + "/requests"))
                .willReturn(json(200, "[]")));
        services().stubFor(post(urlEqualTo("/api/webhooks/" + id + "/test"))
                .willReturn(json(200, "{\"events\": [{\"event\": \"github.push\"}]}")));
        signedIn().get("/blocks/webhooks/" + id)
                .then().statusCode(200).body(containsString("data-copy=\"http://127.0.0.1:4200/hooks/slug-123\""));
        signedIn().formParam("csrf", CSRF).formParam("body", "{\"ref\": \"main\"}")
                .post("/blocks/webhooks/" + id + "/test")
                .then().statusCode(200).body(containsString("github.push"));
        services().verify(postRequestedFor(urlEqualTo("/api/webhooks/" + id + "/test"))
                .withRequestBody(equalToJson("{\"request\": {\"method\": \"POST\", \"body\": {\"ref\": \"main\"}}}")));
    }

    @Test
    void aBacktestOfAnAutomationThatIsOffAsksWhatItWouldDoOnceOnAndShowsTheApisWarnings() {
        String id = UUID.randomUUID().toString();
        services().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                urlEqualTo("/api/automations/" + id)).willReturn(json(200, """
                        {"id": "%s", "name": "quiet", "enabled": false, "tags": [],
                         "trigger": {"type": "event", "posture": "Reactive", "expect": ["flow.failed"],
                                     "threshold": 1, "within": 0},
                         "actions": [{"type": "do-nothing"}]}""".formatted(id))));
        services().stubFor(post(urlEqualTo("/api/automations/backtest"))
                .willReturn(json(200, "{\"firings\": [], \"warnings\": [\"a warning from the API\"]}")));
        services().stubFor(post(urlEqualTo("/api/events/count-by/time"))
                .willReturn(json(200, "[]")));

        signedIn().formParam("csrf", CSRF)
                .post("/automations/" + id + "/backtest")
                .then().statusCode(200)
                .body(containsString("It is off: this shows what it would do once on."))
                .body(containsString("a warning from the API"));
        services().verify(postRequestedFor(urlEqualTo("/api/automations/backtest"))
                .withRequestBody(matchingJsonPath("$.automation.enabled", equalTo("true"))));
    }

    @Test
    void anExecutionsPageListsItsAttempts() {
        String id = UUID.randomUUID().toString();
        services().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        urlEqualTo("/api/actions/executions/" + id))
                .willReturn(json(200, """
                        {"id": "%s", "created": "2026-12-07T04:00:00Z", "automation_id": "%s", "action_index": 0,
                         "action_type": "call-webhook", "status": "failed", "dead_lettered": true,
                         "reason": "attempts exhausted", "attempt_count": 2, "redeliveries": 0, "attempts": [
                           {"attempt": 1, "generation": 0, "started": "2026-12-07T04:00:00Z", "duration_ms": 12,
                            "status_code": 503, "outcome": "retry", "error": null, "response_excerpt": "busy"},
                           {"attempt": 2, "generation": 0, "started": "2026-12-07T04:00:01Z", "duration_ms": 5000,
                            "status_code": null, "outcome": "failed", "error": "timed out", "response_excerpt": null}]}"""
                        .formatted(id, UUID.randomUUID()))));
        signedIn().get("/deliveries/" + id)
                .then().statusCode(200)
                .body(containsString("<td>503</td>")).body(containsString("timed out"))
                .body(containsString("action=\"/deliveries/" + id + "/redeliver\""));
    }

    @Test
    void theEditorsCheckNamesJsonSyntaxByLineAndColumnAndTemplateProblemsByField() {
        signedIn().formParam("csrf", CSRF)
                .formParam("document", "{\n  \"name\": \"x\",\n  \"trigger\": \n}").post("/automations/check")
                .then().statusCode(200).body(containsString("JSON line 4, column 1"));
        services().stubFor(post(urlEqualTo("/api/templates/validate"))
                .willReturn(json(422, "{\"error\": {\"line\": 1, \"message\": \"unexpected end of template\"}}")));
        signedIn().formParam("csrf", CSRF)
                .formParam("document", "{\"actions\": [{\"type\": \"call-webhook\", \"payload\": \"{{ event.id \"}]}")
                .post("/automations/check")
                .then().statusCode(200)
                .body(containsString("actions.0.payload: line 1: unexpected end of template"));
        signedIn().formParam("document", "{}").post("/automations/check")
                .then().statusCode(403);
    }

    @Test
    void theLiveStateIsAFragmentThePageLoadsAfterItIsShown() {
        String id = UUID.randomUUID().toString();
        services().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                urlEqualTo("/api/automations/" + id)).willReturn(json(200, """
                        {"id": "%s", "name": "quiet", "enabled": true, "tags": [],
                         "trigger": {"type": "event", "posture": "Reactive", "expect": ["flow.failed"],
                                     "threshold": 2, "within": 60},
                         "actions": [{"type": "do-nothing"}]}""".formatted(id))));
        signedIn().get("/automations/" + id)
                .then().statusCode(200)
                .body(containsString("hx-get=\"/automations/" + id + "/state\" hx-trigger=\"load\""));
        services().verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/api/automations/" + id + "/state")));

        services().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                urlEqualTo("/api/automations/" + id + "/state")).willReturn(json(200, """
                        {"buckets": [{"trigger_id": "t", "posture": "Reactive", "bucket": {"prefect.resource.id": "r.1"},
                          "count": 1, "threshold": 2, "window_start": "2026-12-07T04:00:00Z",
                          "window_end": "2026-12-07T04:01:00Z", "state": "Counting"}], "truncated": false}""")));
        signedIn().header("HX-Request", "true")
                .get("/automations/" + id + "/state")
                .then().statusCode(200).body(containsString("prefect.resource.id=r.1"))
                .body(containsString("<td>1 / 2</td>")).body(not(containsString("<html")));
        given().redirects().follow(false).header("HX-Request", "true").get("/automations/" + id + "/state")
                .then().statusCode(204).header("HX-Redirect", "/signin");
    }

    @Test
    void anAutomationsPageDoesNotWaitForTheRecentEventsWhichExplainsPickerLoadsAfterwards() {
        String id = UUID.randomUUID().toString();
        services().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                urlEqualTo("/api/automations/" + id)).willReturn(json(200, """
                        {"id": "%s", "name": "quiet", "enabled": true, "tags": [],
                         "trigger": {"type": "event", "posture": "Reactive", "expect": ["flow.failed"],
                                     "threshold": 2, "within": 60},
                         "actions": [{"type": "do-nothing"}]}""".formatted(id))));
        services().stubFor(post(urlEqualTo("/api/events/filter"))
                .willReturn(json(200, "{\"events\": [" + recentEvent("lately.happened") + "], \"total\": 1}")));
        signedIn().get("/automations/" + id).then().statusCode(200)
                .body(containsString("hx-get=\"/automations/recent-events\""))
                .body(not(containsString("lately.happened")));
        services().verify(0, postRequestedFor(urlEqualTo("/api/events/filter")));
    }

    @Test
    void theRecentEventsAreAskedOverTheLastHourFirstAndOverEverythingWhenThatHoldsTooFew() {
        services().stubFor(post(urlEqualTo("/api/events/filter"))
                .withRequestBody(matchingJsonPath("$.filter.occurred.since"))
                .willReturn(json(200, "{\"events\": [" + recentEvent("lately.happened") + "], \"total\": 1}")));
        services().stubFor(post(urlEqualTo("/api/events/filter"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notMatching(".*occurred.*"))
                .willReturn(json(200, "{\"events\": [" + recentEvent("lately.happened") + ", "
                        + recentEvent("long.ago.happened") + "], \"total\": 2}")));
        signedIn().header("HX-Request", "true").get("/automations/recent-events").then().statusCode(200)
                .body(containsString("<select id=\"event_id\" name=\"event_id\">"))
                .body(containsString("lately.happened")).body(containsString("long.ago.happened"))
                .body(not(containsString("<html")));
        services().verify(2, postRequestedFor(urlEqualTo("/api/events/filter")));

        services().resetRequests();
        String twenty = String.join(", ", java.util.Collections.nCopies(20, recentEvent("busy.happened")));
        services().stubFor(post(urlEqualTo("/api/events/filter"))
                .withRequestBody(matchingJsonPath("$.filter.occurred.since"))
                .willReturn(json(200, "{\"events\": [" + twenty + "], \"total\": 5000}")));
        signedIn().header("HX-Request", "true").get("/automations/recent-events").then().statusCode(200)
                .body(containsString("busy.happened")).body(not(containsString("long.ago.happened")));
        services().verify(1, postRequestedFor(urlEqualTo("/api/events/filter")));
        services().verify(postRequestedFor(urlEqualTo("/api/events/filter"))
                .withRequestBody(matchingJsonPath("$.limit", equalTo("20")))
                .withRequestBody(matchingJsonPath("$.filter.occurred.until")));
    }

    @Test
    void theRecentEventsPickerIsLeftOutWhenNoEventIsStored() {
        services().stubFor(post(urlEqualTo("/api/events/filter"))
                .willReturn(json(200, "{\"events\": [], \"total\": 0}")));
        signedIn().header("HX-Request", "true").get("/automations/recent-events").then().statusCode(200)
                .body(containsString("id=\"recent-events\"")).body(not(containsString("<select")));
    }

    private static String recentEvent(String name) {
        return """
                {"id": "%s", "occurred": "2026-12-07T04:00:00Z", "event": "%s",
                 "resource": {"prefect.resource.id": "run.1"}, "related": [], "payload": {}}"""
                .formatted(UUID.randomUUID(), name);
    }
}
