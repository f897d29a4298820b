package dev.vigil.actuator.block;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.vigil.actuator.support.Receiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A block that automations use is only deleted with {@code ?force=true}; the evaluator (WireMock) says which use it. */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class BlockDeletionTest {

    private static final String ACCOUNT = "00000000-0000-0000-0000-000000000000";

    private final String workspace = UUID.randomUUID().toString();
    private final String base = "/api/accounts/" + ACCOUNT + "/workspaces/" + workspace;
    private final String evaluatorFilter = "/evaluator/api/accounts/" + ACCOUNT + "/workspaces/" + workspace
            + "/automations/filter";

    private String block() {
        return given().contentType(ContentType.JSON)
                .body("{\"name\": \"hook\", \"block_type_slug\": \"slack-webhook\", "
                        + "\"data\": {\"url\": \"https://hooks.slack.com/services/T/B/x\"}}")
                .post(base + "/block_documents/").then().statusCode(201).extract().path("id");
    }

    private static String automation(String id, String name, String actionsJson) {
        return """
                {"id": "%s", "name": "%s", "enabled": true, "trigger": {"type": "event"},
                 "actions": %s, "actions_on_trigger": [], "actions_on_resolve": []}""".formatted(id, name, actionsJson);
    }

    @Test
    void aReferencedBlockIsRefusedWith409NamingTheAutomations() {
        String id = block();
        String users = "[" + automation("11111111-1111-1111-1111-111111111111", "Page on failure",
                "[{\"type\": \"send-notification\", \"block_document_id\": \"" + id + "\", \"body\": \"x\"}]")
                + ", " + automation("22222222-2222-2222-2222-222222222222", "Unrelated",
                "[{\"type\": \"do-nothing\"}]") + "]";
        Receiver.SERVER.stubFor(post(urlEqualTo(evaluatorFilter)).willReturn(okJson(users)));

        given().delete(base + "/block_documents/" + id).then().statusCode(409)
                .body("detail", allOf(containsString("'Page on failure' (11111111-1111-1111-1111-111111111111)"),
                        containsString("?force=true"), not(containsString("Unrelated"))));
        given().get(base + "/block_documents/" + id).then().statusCode(200);
        Receiver.SERVER.verify(postRequestedFor(urlEqualTo(evaluatorFilter))
                .withHeader("Content-Type", containing("application/json")));

        given().queryParam("force", true).delete(base + "/block_documents/" + id).then().statusCode(204);
        given().get(base + "/block_documents/" + id).then().statusCode(404);
    }

    @Test
    void aBlockReferencedOnlyByActionsOnTriggerIsAlsoRefused() {
        String id = block();
        Receiver.SERVER.stubFor(post(urlEqualTo(evaluatorFilter)).willReturn(okJson("[{\"id\": \"a1\", \"name\": "
                + "\"On trigger\", \"actions\": [], \"actions_on_trigger\": [{\"type\": \"call-webhook\", "
                + "\"block_document_id\": \"" + id.toUpperCase() + "\"}]}]")));
        given().delete(base + "/block_documents/" + id).then().statusCode(409)
                .body("detail", containsString("'On trigger'"));
    }

    @Test
    void anUnreferencedBlockIsDeleted() {
        String id = block();
        Receiver.SERVER.stubFor(post(urlEqualTo(evaluatorFilter)).willReturn(okJson("[" + automation(
                "33333333-3333-3333-3333-333333333333", "Other", "[{\"type\": \"send-notification\", "
                        + "\"block_document_id\": \"" + UUID.randomUUID() + "\"}]") + "]")));
        given().delete(base + "/block_documents/" + id).then().statusCode(204);
    }

    @Test
    void anUnreachableEvaluatorRefusesWith503AndKeepsTheBlock() {
        String id = block();
        Receiver.SERVER.stubFor(post(urlEqualTo(evaluatorFilter)).willReturn(aResponse().withStatus(500)));
        given().delete(base + "/block_documents/" + id).then().statusCode(503)
                .body("detail", containsString("not deleted"));
        given().get(base + "/block_documents/" + id).then().statusCode(200);
        given().queryParam("force", "true").delete(base + "/block_documents/" + id).then().statusCode(204);
    }

    @Test
    void anEvaluatorThatTimesOutRefusesWith503() {
        String id = block();
        Receiver.SERVER.stubFor(post(urlEqualTo(evaluatorFilter)).willReturn(okJson("[]").withFixedDelay(3_000)));
        given().delete(base + "/block_documents/" + id).then().statusCode(503);
        given().get(base + "/block_documents/" + id).then().statusCode(200);
    }

    @Test
    void deletingAMissingBlockIs404WithoutAskingTheEvaluator() {
        given().delete(base + "/block_documents/" + UUID.randomUUID()).then().statusCode(404);
        Receiver.SERVER.verify(0, postRequestedFor(urlEqualTo(evaluatorFilter)));
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern containing(String text) {
        return com.github.tomakehurst.wiremock.client.WireMock.containing(text);
    }
}
