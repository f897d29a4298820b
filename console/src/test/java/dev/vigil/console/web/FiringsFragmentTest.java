package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The automations list shows its rows without waiting for their firings: it waits for one step of API calls
 * (count and page, together), and the firings over the last day arrive as a fragment it loads afterwards.
 */
@QuarkusTest
class FiringsFragmentTest extends SignedInPageTest {

    private static final String COUNT_BY_RESOURCE = "/api/events/count-by/resource";

    @Test
    void theListRendersWithoutTheFiringsAndAsksForThemAfterItIsShown() {
        String id = UUID.randomUUID().toString();
        services().stubFor(post(urlEqualTo("/api/automations/count")).willReturn(json(200, "1")));
        services().stubFor(post(urlEqualTo("/api/automations/filter")).willReturn(json(200, """
                [{"id": "%s", "name": "marmots", "enabled": true, "tags": [],
                  "trigger": {"type": "event", "posture": "Reactive", "expect": ["animal.walked"], "threshold": 1,
                              "within": 0},
                  "actions": [{"type": "do-nothing"}]}]""".formatted(id))));
        signedIn().get("/automations")
                .then().statusCode(200)
                .body(containsString("<span id=\"firings-" + id + "\" class=\"loading\">"))
                .body(containsString("hx-get=\"/automations/firings?id=" + id + "\" hx-trigger=\"load\""))
                .body(containsString("role=\"status\""));
        services().verify(0, postRequestedFor(urlEqualTo(COUNT_BY_RESOURCE)));
    }

    @Test
    void theFragmentCountsTheAskedAutomationsWithTheUsersKeyAndShowsNoOther() {
        String fired = UUID.randomUUID().toString();
        String quiet = UUID.randomUUID().toString();
        String notAsked = UUID.randomUUID().toString();
        services().stubFor(post(urlEqualTo(COUNT_BY_RESOURCE))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .willReturn(json(200, """
                        [{"value": "prefect.automation.%s", "label": "fired", "count": 3,
                          "start_time": "2026-12-07T01:00:00Z", "end_time": "2026-12-07T04:00:00Z"},
                         {"value": "prefect.automation.%s", "label": "not asked", "count": 9,
                          "start_time": "2026-12-07T01:00:00Z", "end_time": "2026-12-07T04:00:00Z"}]"""
                        .formatted(fired, notAsked))));
        signedIn().header("HX-Request", "true")
                .queryParam("id", fired).queryParam("id", quiet).queryParam("id", "../not-a-uuid")
                .get("/automations/firings")
                .then().statusCode(200)
                .body(containsString("<span id=\"firings-" + fired + "\" hx-swap-oob=\"true\">3<br><small>last"
                        + " 2026-12-07T04:00:00Z</small></span>"))
                .body(containsString("<span id=\"firings-" + quiet + "\" hx-swap-oob=\"true\">0</span>"))
                .body(containsString("id=\"firings-status\""))
                .body(not(containsString(notAsked)))
                .body(not(containsString("not-a-uuid")))
                .body(not(containsString("<html")))
                .body(not(containsString(KEY)));
        services().verify(postRequestedFor(urlEqualTo(COUNT_BY_RESOURCE)).withRequestBody(equalToJson("""
                {"filter": {"event": {"name": ["prefect.automation.triggered"]},
                            "resource": {"id": ["prefect.automation.%s", "prefect.automation.%s"]}}}"""
                .formatted(fired, quiet), true, true)));
    }

    @Test
    void withoutIdsTheFragmentIsEmptyAndCallsNothing() {
        signedIn().header("HX-Request", "true").get("/automations/firings")
                .then().statusCode(200).body(containsString("id=\"firings-status\""))
                .body(not(containsString("hx-swap-oob")));
        services().verify(0, postRequestedFor(urlEqualTo(COUNT_BY_RESOURCE)));
    }

    @Test
    void firingsThatCannotBeReadAreShownAsUnknownNotAsNone() {
        String id = UUID.randomUUID().toString();
        services().stubFor(post(urlEqualTo(COUNT_BY_RESOURCE)).willReturn(json(503, "{\"detail\": \"down\"}")));
        signedIn().header("HX-Request", "true").queryParam("id", id).get("/automations/firings")
                .then().statusCode(200)
                .body(containsString("<span id=\"firings-" + id + "\" hx-swap-oob=\"true\">unknown</span>"))
                .body(containsString("could not be read"));
    }

    @Test
    void signedOutTheFragmentSendsToSignIn() {
        String id = UUID.randomUUID().toString();
        given().redirects().follow(false).header("HX-Request", "true").queryParam("id", id)
                .get("/automations/firings")
                .then().statusCode(204).header("HX-Redirect", "/signin");
        given().redirects().follow(false).queryParam("id", id).get("/automations/firings")
                .then().statusCode(303).header("Location", containsString("/signin"));
        services().verify(0, postRequestedFor(urlEqualTo(COUNT_BY_RESOURCE)));
    }
}
