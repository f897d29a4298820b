package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.console.automation.action.ActionKinds;
import dev.vigil.model.json.VigilJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stored automation's actions through their type's form: the form filled in from the stored action, saved in
 * its place, each field's problem beside it, "Remove", and a change made meanwhile refused instead of overwritten.
 */
@QuarkusTest
class StoredActionPagesTest extends SignedInPageTest {

    private static final ObjectMapper MAPPER = VigilJson.mapper();
    private static final String HOOK = "5a0c7f3e-0000-4000-8000-0000000000a1";
    private static final String OTHER_HOOK = "5a0c7f3e-0000-4000-8000-0000000000a2";
    /** The block of the add form's send-notification case. */
    private static final String SLACK = "5a0c7f3e-0000-4000-8000-0000000000b2";
    private static final String BLOCK_SECRET = "https://hooks.example/secret-token-of-the-block";
    private static final String WEBHOOK_ACTION = """
            {"type": "call-webhook", "block_document_id": "%s", "payload": "{{ event.event }} \\"failed\\""}"""
            .formatted(HOOK);
    private static final Pattern FINGERPRINT = Pattern.compile("name=\"fingerprint\" value=\"([0-9a-f]+)\"");
    private static final Pattern VALUE = Pattern.compile("name=\"(action_[a-z_]+|fingerprint)\" value=\"([^\"]*)\"");
    private static final Pattern TEXTAREA = Pattern.compile(
            "<textarea id=\"(action_[a-z_]+)\"[^>]*>(.*?)</textarea>", Pattern.DOTALL);
    private static final Pattern SELECT = Pattern.compile("<select id=\"(action_[a-z_]+)\"[^>]*>(.*?)</select>",
            Pattern.DOTALL);
    private static final Pattern SELECTED = Pattern.compile("<option value=\"([^\"]*)\" selected>");
    private static final Pattern CHECKBOX = Pattern.compile(
            "<input type=\"checkbox\" id=\"(action_[a-z_]+)\" name=\"[^\"]*\" value=\"true\"( checked)?");

    private final String id = UUID.randomUUID().toString();

    @BeforeEach
    void stubBlocksTemplatesAndSaving() {
        services().stubFor(post(urlEqualTo("/api/block_documents/filter")).willReturn(json(200, """
                [{"id": "%s", "name": "ops-hook", "block_type_slug": "webhook", "data": {"url": "%s"}},
                 {"id": "%s", "name": "other-hook", "block_type_slug": "webhook", "data": {}},
                 {"id": "%s", "name": "team-slack", "block_type_slug": "slack-webhook", "data": {}}]"""
                .formatted(HOOK, BLOCK_SECRET, OTHER_HOOK, SLACK))));
        services().stubFor(post(urlEqualTo("/api/templates/validate")).willReturn(json(200, "{\"valid\": true}")));
        services().stubFor(put(urlEqualTo("/api/automations/" + id)).willReturn(aResponse().withStatus(204)));
    }

    /** Every kind with fields, stored as {@code actions.1} (the add form's cases, read back as the model writes). */
    static Stream<Arguments> everyKindWithFields() {
        return ActionFormPagesTest.everyKind().filter(a -> ActionKinds.find((String) a.get()[0]).orElseThrow()
                .fields().size() > 0).map(a -> Arguments.of(a.get()[0], a.get()[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindWithFields")
    void eachKindsFormIsFilledInFromTheStoredActionAndSavesItBackUnchanged(String type, String stored)
            throws Exception {
        storedWith(List.of("{\"type\": \"do-nothing\"}", stored), List.of());
        String page = signedIn().get(editPath("actions", 1)).then().statusCode(200)
                .body(containsString("<code>" + type + "</code>"))
                .body(not(containsString(KEY))).body(not(containsString(BLOCK_SECRET)))
                .extract().asString();
        Map<String, String> values = formValues(page);
        assertThat(values).containsEntry("action_type", type).containsEntry("action_list", "actions");

        RequestSpecification save = signedIn().redirects().follow(false).formParam("csrf", CSRF);
        values.forEach(save::formParam);
        save.post(editPath("actions", 1)).then().statusCode(303).header("Location", endsWith("/automations/" + id));
        JsonNode saved = savedDocument();
        assertThat(saved.path("actions").get(1)).isEqualTo(MAPPER.readTree(stored));
        assertThat(saved.path("actions").get(0)).isEqualTo(MAPPER.readTree("{\"type\": \"do-nothing\"}"));
        assertThat(saved.has("id")).as("server fields are not sent back").isFalse();
    }

    @Test
    void theAutomationsPageOffersEditAndRemoveForEachAction() {
        storedWith(List.of(WEBHOOK_ACTION, "{\"type\": \"do-nothing\"}"),
                List.of("{\"type\": \"declare-incident\", \"title\": \"down\", \"severity\": null}"));
        services().stubFor(get(urlEqualTo("/api/actions/executions?limit=10&automation_id=" + id))
                .willReturn(json(200, "[]")));
        services().stubFor(post(urlEqualTo("/api/events/filter")).willReturn(json(200, "{\"events\": []}")));
        signedIn().get("/automations/" + id).then().statusCode(200)
                .body(containsString("href=\"/automations/" + id + "/actions/actions/0/edit\""))
                .body(containsString("href=\"/automations/" + id + "/actions/actions_on_resolve/0/edit\""))
                .body(not(containsString("/actions/actions/1/edit")))
                .body(containsString("action=\"/automations/" + id + "/actions/actions/1/remove\""))
                .body(containsString("aria-label=\"Remove actions.1 (do-nothing)\""))
                .body(not(containsString(KEY)));
    }

    @Test
    void theFormShowsTheStoredBlockAsPickedAndNothingOfTheBlocksData() {
        storedWith(List.of(WEBHOOK_ACTION), List.of());
        signedIn().get(editPath("actions", 0)).then().statusCode(200)
                .body(containsString("<option value=\"" + HOOK + "\" selected>ops-hook (webhook)</option>"))
                .body(containsString(">{{ event.event }} &quot;failed&quot;</textarea>"))
                .body(not(containsString(BLOCK_SECRET)));
    }

    @Test
    void aFieldsProblemIsShownBesideItAndNothingIsSaved() {
        storedWith(List.of(WEBHOOK_ACTION), List.of());
        String fingerprint = fingerprint(editPath("actions", 0));
        signedIn().formParam("csrf", CSRF).formParam("fingerprint", fingerprint)
                .formParam("action_type", "call-webhook").formParam("action_list", "actions")
                .formParam("action_block_document_id", "5a0c7f3e-0000-4000-8000-00000000dead")
                .formParam("action_payload", "x")
                .post(editPath("actions", 0))
                .then().statusCode(422)
                .body(containsString("id=\"action_block_document_id-error\">Choose a block of this workspace."))
                .body(containsString("name=\"fingerprint\" value=\"" + fingerprint + "\""));
        services().verify(0, putRequestedFor(urlEqualTo("/api/automations/" + id)));
    }

    @Test
    void anActionChangedMeanwhileIsNotOverwritten() {
        storedWith(List.of(WEBHOOK_ACTION), List.of());
        String fingerprint = fingerprint(editPath("actions", 0));

        // Someone else replaced actions.0 by another type.
        storedWith(List.of("{\"type\": \"declare-incident\", \"title\": \"x\", \"severity\": null}"), List.of());
        saveWebhook(fingerprint).then().statusCode(409)
                .body(containsString("actions.0 is no longer a call-webhook action (it is now declare-incident)"));
        // ... or edited the same action.
        storedWith(List.of(WEBHOOK_ACTION.replace("failed", "broke")), List.of());
        saveWebhook(fingerprint).then().statusCode(409).body(containsString("actions.0 was changed since"));
        // ... or removed it.
        storedWith(List.of(), List.of());
        saveWebhook(fingerprint).then().statusCode(409).body(containsString("The automation has no actions.0"));
        services().verify(0, putRequestedFor(urlEqualTo("/api/automations/" + id)));

        storedWith(List.of(WEBHOOK_ACTION), List.of());
        saveWebhook(fingerprint).then().statusCode(303);
        services().verify(1, putRequestedFor(urlEqualTo("/api/automations/" + id)));
    }

    @Test
    void removeTakesTheActionOutOnlyWhileItIsTheOneShown() throws Exception {
        storedWith(List.of("{\"type\": \"do-nothing\"}", WEBHOOK_ACTION), List.of());
        String fingerprint = fingerprint(editPath("actions", 1));
        signedIn().formParam("action_type", "call-webhook").formParam("fingerprint", fingerprint)
                .post(removePath(1)).then().statusCode(403);
        signedIn().formParam("csrf", CSRF).formParam("action_type", "call-webhook").formParam("fingerprint", "0")
                .post(removePath(1)).then().statusCode(409).body(containsString("actions.1 was changed since"));
        services().verify(0, putRequestedFor(urlEqualTo("/api/automations/" + id)));

        signedIn().redirects().follow(false).formParam("csrf", CSRF).formParam("action_type", "call-webhook")
                .formParam("fingerprint", fingerprint).post(removePath(1))
                .then().statusCode(303).header("Location", endsWith("/automations/" + id));
        assertThat(savedDocument().path("actions")).isEqualTo(MAPPER.readTree("[{\"type\": \"do-nothing\"}]"));
    }

    @Test
    void signedOutTheFormSendsToSignIn() {
        given().redirects().follow(false).get(editPath("actions", 0))
                .then().statusCode(303).header("Location", containsString("/signin"));
    }

    @Test
    void aPlaceWithoutAnActionIsNotFound() {
        storedWith(List.of(WEBHOOK_ACTION), List.of());
        signedIn().get(editPath("actions", 3)).then().statusCode(404);
        signedIn().get(editPath("not_a_list", 0)).then().statusCode(404);
    }

    private void storedWith(List<String> actions, List<String> onResolve) {
        services().stubFor(get(urlEqualTo("/api/automations/" + id)).willReturn(json(200, """
                {"id": "%s", "name": "etl failed", "enabled": true, "tags": [], "created": "2026-12-07T00:00:00Z",
                 "trigger": {"type": "event", "posture": "Reactive", "expect": ["flow.failed"], "threshold": 1,
                             "within": 0},
                 "actions": [%s], "actions_on_trigger": [], "actions_on_resolve": [%s]}"""
                .formatted(id, String.join(", ", actions), String.join(", ", onResolve)))));
    }

    private io.restassured.response.Response saveWebhook(String fingerprint) {
        return signedIn().redirects().follow(false).formParam("csrf", CSRF).formParam("fingerprint", fingerprint)
                .formParam("action_type", "call-webhook").formParam("action_list", "actions")
                .formParam("action_block_document_id", OTHER_HOOK).formParam("action_payload", "moved")
                .post(editPath("actions", 0));
    }

    private String editPath(String list, int index) {
        return "/automations/" + id + "/actions/" + list + "/" + index + "/edit";
    }

    private String removePath(int index) {
        return "/automations/" + id + "/actions/actions/" + index + "/remove";
    }

    private String fingerprint(String formPath) {
        Matcher found = FINGERPRINT.matcher(signedIn().get(formPath).then().statusCode(200).extract().asString());
        assertThat(found.find()).as("the form's fingerprint").isTrue();
        return found.group(1);
    }

    private JsonNode savedDocument() throws Exception {
        var puts = services().findAll(putRequestedFor(urlEqualTo("/api/automations/" + id)));
        assertThat(puts).hasSize(1);
        return MAPPER.readTree(puts.get(0).getBodyAsString());
    }

    /** The form's values as a browser would post them: inputs, text areas, the selected options, checked boxes. */
    private static Map<String, String> formValues(String page) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher value = VALUE.matcher(page);
        while (value.find()) {
            values.put(value.group(1), unescape(value.group(2)));
        }
        Matcher textarea = TEXTAREA.matcher(page);
        while (textarea.find()) {
            values.put(textarea.group(1), unescape(textarea.group(2)));
        }
        Matcher select = SELECT.matcher(page);
        while (select.find()) {
            Matcher selected = SELECTED.matcher(select.group(2));
            if (selected.find()) {
                values.put(select.group(1), unescape(selected.group(1)));
            }
        }
        Matcher checkbox = CHECKBOX.matcher(page);
        while (checkbox.find()) {
            if (checkbox.group(2) == null) {
                values.remove(checkbox.group(1));
            }
        }
        return values;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
