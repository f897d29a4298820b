package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The deliveries pages (dead letters, the time filter, the attempts timeline, redelivery) and the events
 * page's label and time-range filters, against the stand-in for the services.
 */
@QuarkusTest
class DeliveryAndEventPagesTest extends SignedInPageTest {


    private static String execution(String id, String status) {
        return """
                {"id": "%s", "created": "2026-12-07T04:00:00Z", "automation_id": "%s", "action_index": 0,
                 "action_type": "call-webhook", "status": "%s", "dead_lettered": %s,
                 "reason": "attempts exhausted", "attempt_count": 3, "redeliveries": 1, "attempts": [
                   {"attempt": 1, "generation": 0, "started": "2026-12-07T04:00:00Z", "duration_ms": 12,
                    "status_code": 503, "outcome": "retrying", "error": null, "response_excerpt": "busy"},
                   {"attempt": 2, "generation": 0, "started": "2026-12-07T04:00:01Z", "duration_ms": 5000,
                    "status_code": null, "outcome": "failed", "error": "timed out", "response_excerpt": null},
                   {"attempt": 3, "generation": 1, "started": "2026-12-07T04:10:00Z", "duration_ms": 40,
                    "status_code": 500, "outcome": "failed", "error": null, "response_excerpt": "boom"}]}"""
                .formatted(id, UUID.randomUUID(), status, status.equals("failed"));
    }

    @Test
    void newPagesRedirectToSignInWhenSignedOut() {
        for (String path : new String[] {"/deliveries/dead-letters", "/deliveries/" + UUID.randomUUID(),
                "/events?labels=a%3Db&range=24h"}) {
            given().redirects().follow(false).get(path)
                    .then().statusCode(303).header("Location", containsString("/signin"));
        }
    }

    @Test
    void deadLettersListsTheFailedExecutionsWithinTheRangeAndOffersRedelivery() {
        String id = UUID.randomUUID().toString();
        services().stubFor(WireMock.get(urlPathEqualTo("/api/actions/executions"))
                .willReturn(json(200, "[" + execution(id, "failed") + "]")));
        signedIn().get("/deliveries/dead-letters?range=7d")
                .then().statusCode(200)
                .body(containsString("<h1>Dead letters</h1>"))
                .body(containsString("action=\"/deliveries/" + id + "/redeliver\""))
                .body(containsString("name=\"from\" value=\"dead-letters\""))
                .body(containsString("<option value=\"7d\" selected>last 7 days</option>"))
                .body(not(containsString(KEY)));
        services().verify(getRequestedFor(urlPathEqualTo("/api/actions/executions"))
                .withQueryParam("status", equalTo("failed"))
                .withQueryParam("since", matching("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void noDeadLettersSaysSo() {
        services().stubFor(WireMock.get(urlPathEqualTo("/api/actions/executions"))
                .willReturn(json(200, "[]")));
        signedIn().get("/deliveries/dead-letters")
                .then().statusCode(200).body(containsString("No dead letters"));
    }

    @Test
    void theDeliveryLogFiltersByTimeRangeAndShowsTheApisError() {
        services().stubFor(WireMock.get(urlPathEqualTo("/api/actions/executions"))
                .willReturn(json(422, """
                        {"exception_message": "Invalid request received.", "exception_detail": [
                          {"loc": ["query", "since"], "msg": "Input should be an ISO 8601 date-time with an offset",
                           "type": "datetime_parsing"}]}""")));
        signedIn().get("/deliveries?range=24h&status=succeeded")
                .then().statusCode(502).body(containsString("A Vigil service failed"))
                .body(containsString("Invalid request received."));
        services().verify(getRequestedFor(urlPathEqualTo("/api/actions/executions"))
                .withQueryParam("status", equalTo("succeeded"))
                .withQueryParam("since", matching(".+")));
    }

    @Test
    void anExecutionsAttemptsAreDrawnOnATimelineByGeneration() {
        String id = UUID.randomUUID().toString();
        services().stubFor(WireMock.get(urlEqualTo("/api/actions/executions/" + id))
                .willReturn(json(200, execution(id, "failed"))));
        signedIn().get("/deliveries/" + id)
                .then().statusCode(200)
                .body(containsString("<svg class=\"chart\" id=\"attempts-chart\""))
                .body(containsString("3 attempts in 2 generations"))
                .body(containsString(">generation 1<"))
                .body(containsString("name=\"from\" value=\"execution\""));
    }

    @Test
    void redeliveryNeedsTheFormTokenAndGoesBackWhereItCameFrom() {
        String id = UUID.randomUUID().toString();
        signedIn().formParam("from", "dead-letters")
                .post("/deliveries/" + id + "/redeliver").then().statusCode(403);
        signedIn().formParam("csrf", "another-sessions-token")
                .post("/deliveries/" + id + "/redeliver").then().statusCode(403);
        services().verify(0, postRequestedFor(urlEqualTo("/api/actions/executions/" + id + "/redeliver")));

        services().stubFor(post(urlEqualTo("/api/actions/executions/" + id + "/redeliver"))
                .willReturn(json(200, execution(id, "running"))));
        signedIn().redirects().follow(false).formParam("csrf", CSRF)
                .formParam("from", "dead-letters").post("/deliveries/" + id + "/redeliver")
                .then().statusCode(303).header("Location", containsString("/deliveries/dead-letters?message=redelivered"));
        services().stubFor(post(urlEqualTo("/api/actions/executions/" + id + "/redeliver"))
                .willReturn(json(409, "{\"detail\": \"Only a failed (dead-lettered) execution can be redelivered\"}")));
        signedIn().redirects().follow(false).formParam("csrf", CSRF)
                .formParam("from", "execution").post("/deliveries/" + id + "/redeliver")
                .then().statusCode(303).header("Location", containsString("/deliveries/" + id + "?message=refused"));
        signedIn().redirects().follow(false).formParam("csrf", CSRF)
                .formParam("from", "https://evil.example/").post("/deliveries/" + id + "/redeliver")
                .then().statusCode(303).header("Location", containsString("/deliveries?message=refused"));
    }

    @Test
    void theEventsFilterBarSendsLabelsAndTheTimeRangeToIngest() {
        services().stubFor(post(urlEqualTo("/api/events/filter"))
                .willReturn(json(200, "{\"events\": [], \"total\": 0, \"next_page\": null}")));
        services().stubFor(post(urlEqualTo("/api/events/count-by/time"))
                .willReturn(json(200, "[]")));
        signedIn()
                .queryParam("labels", "prefect.resource.name=nightly, env=prod*").queryParam("range", "24h")
                .get("/events")
                .then().statusCode(200)
                .body(containsString("value=\"prefect.resource.name=nightly, env=prod*\""))
                .body(containsString("<option value=\"24h\" selected>last 24 hours</option>"))
                .body(containsString("Events in the last 24 hours"))
                .body(containsString("hx-get=\"/events/feed?labels=prefect.resource.name%3Dnightly%2C+env%3Dprod*&amp;range=24h\""));
        services().verify(postRequestedFor(urlEqualTo("/api/events/filter"))
                .withRequestBody(matchingJsonPath("$.filter.resource.labels['prefect.resource.name']",
                        equalTo("nightly")))
                .withRequestBody(matchingJsonPath("$.filter.resource.labels.env", equalTo("prod*")))
                .withRequestBody(matchingJsonPath("$.filter.occurred.since")));
        services().verify(postRequestedFor(urlEqualTo("/api/events/count-by/time"))
                .withRequestBody(matchingJsonPath("$.filter.resource.labels.env", equalTo("prod*")))
                .withRequestBody(matchingJsonPath("$.time_interval", equalTo("1440"))));
    }

    @Test
    void labelsThatAreNotPairsAreShownAsAnError() {
        services().stubFor(post(urlEqualTo("/api/events/filter"))
                .willReturn(json(200, "{\"events\": [], \"total\": 0, \"next_page\": null}")));
        services().stubFor(post(urlEqualTo("/api/events/count-by/time"))
                .willReturn(json(200, "[]")));
        signedIn().queryParam("labels", "nightly")
                .get("/events")
                .then().statusCode(200)
                .body(containsString("id=\"labels-problems\""))
                .body(containsString("&#39;nightly&#39; is not a label=value pair"))
                .body(containsString("aria-invalid=\"true\""));
        services().verify(postRequestedFor(urlEqualTo("/api/events/filter"))
                .withRequestBody(WireMock.notMatching(".*labels.*")));
    }
}
