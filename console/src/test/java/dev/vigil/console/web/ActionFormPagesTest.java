package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.console.automation.action.ActionKinds;
import dev.vigil.model.json.VigilJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The editor's action form, one kind at a time: the fields posted, the JSON the document then holds in the chosen
 * list (as the shared model writes it), and each field's problem shown beside it with the document left alone.
 */
@QuarkusTest
class ActionFormPagesTest extends SignedInPageTest {

    private static final ObjectMapper MAPPER = VigilJson.mapper();
    private static final String HOOK = "5a0c7f3e-0000-4000-8000-0000000000a1";
    private static final String SLACK = "5a0c7f3e-0000-4000-8000-0000000000b2";
    private static final String TARGET = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private static final String DOCUMENT = """
            {"name": "etl failed", "trigger": {"type": "event", "posture": "Reactive", "expect": ["flow.failed"],
             "threshold": 1, "within": 0}, "actions": [{"type": "do-nothing"}]}""";
    private static final Pattern EDITOR = Pattern.compile("<textarea id=\"document\"[^>]*>(.*?)</textarea>",
            Pattern.DOTALL);

    @BeforeEach
    void stubBlocksAndTemplates() {
        services().stubFor(post(urlEqualTo("/api/block_documents/filter")).willReturn(json(200, """
                [{"id": "%s", "name": "ops-hook", "block_type_slug": "webhook", "data": {"url": "********"}},
                 {"id": "%s", "name": "team-slack", "block_type_slug": "slack-webhook", "data": {}}]"""
                .formatted(HOOK, SLACK))));
        services().stubFor(post(urlEqualTo("/api/templates/validate")).willReturn(json(200, "{\"valid\": true}")));
    }

    static Stream<Arguments> everyKind() {
        return Stream.of(
                kind("call-webhook", Map.of("block_document_id", HOOK, "payload", "{{ event.resource.name }} failed"),
                        """
                        {"type": "call-webhook", "block_document_id": "%s",
                         "payload": "{{ event.resource.name }} failed"}""".formatted(HOOK)),
                kind("send-notification", Map.of("block_document_id", SLACK, "subject", "{{ automation.name }}",
                        "body", "{{ event.event }}"), """
                        {"type": "send-notification", "block_document_id": "%s", "subject": "{{ automation.name }}",
                         "body": "{{ event.event }}"}""".formatted(SLACK)),
                kind("run-deployment", Map.of("source", "selected", "deployment_id", TARGET,
                        "parameters", "{\"who\": \"{{ event.resource.name }}\"}", "job_variables", "",
                        "schedule_after", "90"), """
                        {"type": "run-deployment", "source": "selected", "deployment_id": "%s",
                         "parameters": {"who": "{{ event.resource.name }}"}, "job_variables": null,
                         "schedule_after": 90.0}""".formatted(TARGET)),
                kind("pause-deployment", Map.of("source", "selected", "deployment_id", TARGET),
                        "{\"type\": \"pause-deployment\", \"source\": \"selected\", \"deployment_id\": \"%s\"}"
                                .formatted(TARGET)),
                kind("resume-deployment", Map.of("source", "inferred", "deployment_id", TARGET),
                        "{\"type\": \"resume-deployment\", \"source\": \"inferred\", \"deployment_id\": null}"),
                kind("pause-automation", Map.of("source", "selected", "automation_id", TARGET),
                        "{\"type\": \"pause-automation\", \"source\": \"selected\", \"automation_id\": \"%s\"}"
                                .formatted(TARGET)),
                kind("resume-automation", Map.of("source", "inferred"),
                        "{\"type\": \"resume-automation\", \"source\": \"inferred\", \"automation_id\": null}"),
                kind("change-flow-run-state", Map.of("state", "CANCELLED", "message", "cancelled by {{ automation.name }}",
                        "force", "true"), """
                        {"type": "change-flow-run-state", "name": null, "state": "CANCELLED",
                         "message": "cancelled by {{ automation.name }}", "force": true}"""),
                kind("cancel-flow-run", Map.of(), "{\"type\": \"cancel-flow-run\"}"),
                kind("suspend-flow-run", Map.of(), "{\"type\": \"suspend-flow-run\"}"),
                kind("resume-flow-run", Map.of(), "{\"type\": \"resume-flow-run\"}"),
                kind("pause-work-queue", Map.of("source", "selected", "work_queue_id", TARGET),
                        "{\"type\": \"pause-work-queue\", \"source\": \"selected\", \"work_queue_id\": \"%s\"}"
                                .formatted(TARGET)),
                kind("resume-work-queue", Map.of("source", "inferred"),
                        "{\"type\": \"resume-work-queue\", \"source\": \"inferred\", \"work_queue_id\": null}"),
                kind("pause-work-pool", Map.of("source", "selected", "work_pool_id", TARGET),
                        "{\"type\": \"pause-work-pool\", \"source\": \"selected\", \"work_pool_id\": \"%s\"}"
                                .formatted(TARGET)),
                kind("resume-work-pool", Map.of("source", "selected", "work_pool_id", TARGET),
                        "{\"type\": \"resume-work-pool\", \"source\": \"selected\", \"work_pool_id\": \"%s\"}"
                                .formatted(TARGET)),
                kind("declare-incident", Map.of("title", "{{ automation.name }} fired", "severity", "high"),
                        "{\"type\": \"declare-incident\", \"title\": \"{{ automation.name }} fired\","
                                + " \"severity\": \"high\"}"),
                kind("do-nothing", Map.of(), "{\"type\": \"do-nothing\"}"));
    }

    private static Arguments kind(String type, Map<String, String> fields, String expected) {
        return Arguments.of(type, fields, expected);
    }

    @Test
    void everyActionTypeOfTheModelHasACase() {
        assertThat(everyKind().map(a -> (String) a.get()[0]).toList())
                .containsExactlyInAnyOrderElementsOf(ActionKinds.ALL.stream().map(k -> k.type()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void eachKindsFormAddsPrefectsJsonForThatAction(String type, Map<String, String> fields, String expected)
            throws Exception {
        signedIn().formParam("csrf", CSRF).formParam("document", DOCUMENT).formParam("action_type", type)
                .post("/automations/action-form")
                .then().statusCode(200)
                .body(containsString("<option value=\"" + type + "\" selected>"));
        for (String list : ActionKinds.LISTS) {
            String page = form(type, fields).formParam("action_list", list).post("/automations/add-action")
                    .then().statusCode(200)
                    .body(containsString("Added a " + type + " action as " + list + "."))
                    .body(not(containsString(KEY)))
                    .extract().asString();
            JsonNode document = editorDocument(page);
            JsonNode added = document.path(list).get(document.path(list).size() - 1);
            assertThat(added).as(list).isEqualTo(MAPPER.readTree(expected));
            assertThat(document.path("name").asText()).isEqualTo("etl failed");
            assertThat(document.path("actions").get(0)).isEqualTo(MAPPER.readTree("{\"type\": \"do-nothing\"}"));
        }
    }

    @Test
    void aFieldsProblemIsShownBesideItAndTheDocumentIsLeftAsItWas() {
        form("run-deployment", Map.of("source", "selected", "parameters", "[1, 2]", "schedule_after", "-5"))
                .post("/automations/add-action")
                .then().statusCode(422)
                .body(containsString("id=\"action_deployment_id-error\">Give the id: it is required when the source"
                        + " is &quot;selected&quot;.</small>"))
                .body(containsString("id=\"action_parameters-error\">Not a JSON object"))
                .body(containsString("id=\"action_schedule_after-error\">A whole number of seconds, 0 or more."))
                .body(containsString("aria-invalid=\"true\""))
                .body(containsString(">[1, 2]</textarea>"))
                .body(not(containsString("Added a")));
        form("pause-work-pool", Map.of("source", "selected", "work_pool_id", "pool-7"))
                .post("/automations/add-action")
                .then().statusCode(422)
                .body(containsString("id=\"action_work_pool_id-error\">Not an id"));
        form("send-notification", Map.of("block_document_id", HOOK, "body", "x"))
                .post("/automations/add-action")
                .then().statusCode(422)
                .body(containsString("id=\"action_block_document_id-error\">Choose a block of this workspace."));
        form("change-flow-run-state", Map.of("state", "EXPLODED"))
                .post("/automations/add-action")
                .then().statusCode(422)
                .body(containsString("id=\"action_state-error\">Choose one of CANCELLED, CANCELLING, COMPLETED"));
    }

    @Test
    void aTemplateTheEvaluatorRefusesIsShownWithItsLine() throws Exception {
        services().stubFor(post(urlEqualTo("/api/templates/validate")).willReturn(json(422, """
                {"valid": false, "error": {"line": 2, "message": "unexpected end of template"}}""")));
        String page = form("call-webhook", Map.of("block_document_id", HOOK, "payload", "{\n{{ event.event "))
                .post("/automations/add-action")
                .then().statusCode(422)
                .body(containsString("id=\"action_payload-error\">Invalid template: line 2: unexpected end of template"))
                .extract().asString();
        assertThat(editorDocument(page)).isEqualTo(MAPPER.readTree(DOCUMENT));
        services().verify(postRequestedFor(urlEqualTo("/api/templates/validate")));
    }

    @Test
    void withoutBlocksTheFormSaysHowToGetOne() {
        services().stubFor(post(urlEqualTo("/api/block_documents/filter")).willReturn(json(200, "[]")));
        signedIn().get("/automations/new").then().statusCode(200)
                .body(containsString("id=\"action_block_document_id-none\">Block: no blocks for call-webhook in this"
                        + " workspace yet: <a href=\"/blocks/new\">create one</a>"));
    }

    @Test
    void theFormRefusesAPostWithoutTheSessionsToken() {
        signedIn().formParam("document", DOCUMENT).formParam("action_type", "do-nothing")
                .post("/automations/add-action").then().statusCode(403);
    }

    private RequestSpecification form(String type, Map<String, String> fields) {
        Map<String, String> params = new LinkedHashMap<>();
        fields.forEach((name, value) -> params.put("action_" + name, value));
        return signedIn().formParam("csrf", CSRF).formParam("document", DOCUMENT).formParam("action_type", type)
                .formParams(params);
    }

    private static JsonNode editorDocument(String page) throws Exception {
        Matcher editor = EDITOR.matcher(page);
        assertThat(editor.find()).as("the editor's text area").isTrue();
        String text = editor.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
        return MAPPER.readTree(text);
    }
}
