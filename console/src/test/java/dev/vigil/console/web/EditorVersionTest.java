package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Saves never overwrite a change made meanwhile: the editor carries the version it was opened on (the evaluator's
 * ETag) and saves with {@code If-Match}; the stored-action form saves onto the version it just read. A 412 from the
 * evaluator is shown as a conflict with the user's text kept.
 */
@QuarkusTest
class EditorVersionTest extends SignedInPageTest {

    private static final String OPENED = "\"1765130000000001\"";
    private static final String DOCUMENT = "{\"name\": \"mine\", \"trigger\": {\"expect\": [\"a.b\"]}, \"actions\": []}";

    private final String id = UUID.randomUUID().toString();

    @BeforeEach
    void storedAutomation() {
        services().stubFor(get(urlEqualTo("/api/automations/" + id)).willReturn(json(200, """
                {"id": "%s", "name": "etl failed", "enabled": true, "tags": [], "created": "2026-12-07T00:00:00Z",
                 "trigger": {"type": "event", "posture": "Reactive", "expect": ["flow.failed"], "threshold": 1,
                             "within": 0},
                 "actions": [{"type": "declare-incident", "title": "down", "severity": null}], "actions_on_trigger": [], "actions_on_resolve": []}"""
                .formatted(id)).withHeader("ETag", OPENED)));
        services().stubFor(post(urlEqualTo("/api/block_documents/filter")).willReturn(json(200, "[]")));
    }

    @Test
    void theEditorCarriesTheVersionItWasOpenedOnAndSavesOnlyOntoIt() {
        services().stubFor(put(urlEqualTo("/api/automations/" + id)).willReturn(aResponse().withStatus(204)));
        signedIn().get("/automations/" + id + "/edit").then().statusCode(200)
                .body(containsString("name=\"version\" value=\"&quot;1765130000000001&quot;\""));

        signedIn().redirects().follow(false).formParam("csrf", CSRF).formParam("document", DOCUMENT)
                .formParam("version", OPENED).post("/automations/" + id + "/edit")
                .then().statusCode(303).header("Location", endsWith("/automations/" + id));
        services().verify(putRequestedFor(urlEqualTo("/api/automations/" + id)).withHeader("If-Match", equalTo(OPENED)));
    }

    @Test
    void aSaveAfterSomeoneElsesIsAConflictThatKeepsTheUsersText() {
        services().stubFor(put(urlEqualTo("/api/automations/" + id))
                .willReturn(json(412, "{\"detail\": \"The automation was changed since the version named in If-Match\"}")));
        signedIn().formParam("csrf", CSRF).formParam("document", DOCUMENT).formParam("version", OPENED)
                .post("/automations/" + id + "/edit")
                .then().statusCode(409)
                .body(containsString("Someone saved this automation after you opened the editor"))
                .body(containsString("&quot;name&quot;: &quot;mine&quot;"))
                .body(containsString("name=\"version\" value=\"&quot;1765130000000001&quot;\""))
                .body(not(containsString(KEY)));
    }

    @Test
    void aForgedVersionIsDroppedNotSentAsAHeader() {
        services().stubFor(put(urlEqualTo("/api/automations/" + id)).willReturn(aResponse().withStatus(204)));
        signedIn().redirects().follow(false).formParam("csrf", CSRF).formParam("document", DOCUMENT)
                .formParam("version", "\"1\"\r\nX-Injected: yes").post("/automations/" + id + "/edit")
                .then().statusCode(303);
        services().verify(putRequestedFor(urlEqualTo("/api/automations/" + id)).withHeader("If-Match", absent())
                .withHeader("X-Injected", absent()));
    }

    @Test
    void aStoredActionIsSavedOntoTheVersionJustReadAndAChangeInBetweenIsAConflict() {
        services().stubFor(put(urlEqualTo("/api/automations/" + id))
                .willReturn(json(412, "{\"detail\": \"changed\"}")));
        String remove = "/automations/" + id + "/actions/actions/0/remove";
        String page = signedIn().get("/automations/" + id + "/actions/actions/0/edit").then().extract().asString();
        String fingerprint = page.replaceAll("(?s).*name=\"fingerprint\" value=\"([0-9a-f]+)\".*", "$1");

        signedIn().formParam("csrf", CSRF).formParam("action_type", "declare-incident").formParam("fingerprint", fingerprint)
                .post(remove)
                .then().statusCode(409).body(containsString("saved by someone else while this change was being made"));
        services().verify(putRequestedFor(urlEqualTo("/api/automations/" + id)).withHeader("If-Match", equalTo(OPENED)));
    }
}
