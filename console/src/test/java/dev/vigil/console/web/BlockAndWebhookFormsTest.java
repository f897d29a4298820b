package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Creating and editing blocks and incoming webhooks: forms from the block type's schema, secrets write-only
 * (never in the page; empty keeps the stored one), the API's 422 by field, CSRF refusal, signed-out redirect.
 */
@QuarkusTest
class BlockAndWebhookFormsTest extends SignedInPageTest {

    private static final String STORED_URL = "https://hooks.example/t/very-secret-path";
    private static final String SCHEMA = """
            {"properties": {
               "url": {"title": "Webhook URL", "type": "string", "writeOnly": true, "format": "password"},
               "method": {"title": "Method", "type": "string", "default": "POST", "enum": ["GET", "POST"]},
               "headers": {"title": "Headers", "type": "object", "writeOnly": true}},
             "required": ["url"], "secret_fields": ["url", "headers.*"]}""";

    private static void stubType() {
        services().stubFor(WireMock.get(urlEqualTo("/api/block_types/slug/webhook"))
                .willReturn(json(200, """
                        {"slug": "webhook", "name": "Webhook", "block_schema": {"fields": %s}}""".formatted(SCHEMA))));
    }

    private static void stubBlock(String id) {
        services().stubFor(WireMock.get(urlEqualTo("/api/block_documents/" + id))
                .willReturn(json(200, """
                        {"id": "%s", "name": "ops-hook", "block_type_slug": "webhook", "block_type_name": "Webhook",
                         "data": {"url": "********", "method": "GET", "headers": "********"},
                         "block_schema": {"fields": %s}}""".formatted(id, SCHEMA))));
    }

    @Test
    void newPagesRedirectToSignInWhenSignedOut() {
        for (String path : new String[] {"/blocks/new", "/blocks/new?type=webhook", "/blocks/" + UUID.randomUUID()
                + "/edit", "/blocks/webhooks/new", "/blocks/webhooks/" + UUID.randomUUID() + "/edit"}) {
            given().redirects().follow(false).get(path)
                    .then().statusCode(303).header("Location", containsString("/signin"));
        }
    }

    @Test
    void everyNewFormRefusesAPostWithoutTheSessionsToken() {
        String id = UUID.randomUUID().toString();
        for (String path : new String[] {"/blocks/new", "/blocks/" + id + "/edit", "/blocks/webhooks/new",
                "/blocks/webhooks/" + id + "/edit"}) {
            signedIn().formParam("name", "x").formParam("type", "webhook")
                    .post(path).then().statusCode(403).body(containsString("Form refused"));
            signedIn().formParam("csrf", "another-sessions-token")
                    .formParam("name", "x").post(path).then().statusCode(403);
        }
        services().verify(0, postRequestedFor(anyUrl()));
        services().verify(0, patchRequestedFor(anyUrl()));
        services().verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void theTypePickerListsTheBlockTypes() {
        services().stubFor(WireMock.get(urlEqualTo("/api/block_types"))
                .willReturn(json(200, """
                        [{"slug": "webhook", "name": "Webhook", "description": "Calls an HTTP endpoint."},
                         {"slug": "slack-webhook", "name": "Slack Webhook", "description": ""}]""")));
        signedIn().get("/blocks/new")
                .then().statusCode(200)
                .body(containsString("href=\"/blocks/new?type=slack-webhook\""))
                .body(containsString("Calls an HTTP endpoint."));
    }

    @Test
    void aNewBlocksFormFollowsItsSchemaAndCreatesTheBlock() {
        stubType();
        signedIn().get("/blocks/new?type=webhook")
                .then().statusCode(200)
                .body(containsString("<input type=\"password\" id=\"field-url\" name=\"value\" value=\"\""))
                .body(containsString("<option value=\"GET\" >GET</option>"))
                .body(containsString("<textarea id=\"field-headers\""));
        services().stubFor(post(urlEqualTo("/api/block_documents/"))
                .willReturn(json(201, "{\"id\": \"" + UUID.randomUUID() + "\"}")));
        signedIn().redirects().follow(false).formParam("csrf", CSRF)
                .formParam("type", "webhook").formParam("name", "ops-hook")
                .formParam("field", "url").formParam("value", STORED_URL)
                .formParam("field", "method").formParam("value", "")
                .formParam("field", "headers").formParam("value", "X-Team: data")
                .post("/blocks/new")
                .then().statusCode(303).header("Location", containsString("/blocks?message="));
        services().verify(postRequestedFor(urlEqualTo("/api/block_documents/"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(equalToJson("""
                        {"name": "ops-hook", "block_type_slug": "webhook",
                         "data": {"url": "%s", "headers": {"X-Team": "data"}}}""".formatted(STORED_URL))));
    }

    @Test
    void aBlockFormShowsItsOwnAndTheApisErrorsByField() {
        stubType();
        signedIn().formParam("csrf", CSRF).formParam("type", "webhook")
                .formParam("name", "").formParam("field", "url").formParam("value", "")
                .post("/blocks/new")
                .then().statusCode(422)
                .body(containsString("<code class=\"path\">name</code>: <span class=\"message\">Field required"))
                .body(containsString("<code class=\"path\">url</code>: <span class=\"message\">Field required"));
        services().verify(0, postRequestedFor(urlEqualTo("/api/block_documents/")));

        services().stubFor(post(urlEqualTo("/api/block_documents/"))
                .willReturn(json(422, """
                        {"exception_message": "Invalid request received.", "exception_detail": [
                          {"loc": ["body", "data", "url"], "msg": "The egress policy refuses this address",
                           "type": "value_error"}]}""")));
        signedIn().formParam("csrf", CSRF).formParam("type", "webhook")
                .formParam("name", "ops-hook").formParam("field", "url").formParam("value", STORED_URL)
                .post("/blocks/new")
                .then().statusCode(422)
                .body(containsString("<code class=\"path\">url</code>: <span class=\"message\">The egress policy"))
                .body(containsString("value=\"ops-hook\""))
                .body(not(containsString(STORED_URL)));
    }

    @Test
    void editingABlockNeverShowsItsSecretsAndAnEmptySecretKeepsTheStoredOne() {
        String id = UUID.randomUUID().toString();
        stubBlock(id);
        signedIn().get("/blocks/" + id + "/edit")
                .then().statusCode(200)
                .body(containsString("Edit block ops-hook"))
                .body(containsString("stored: leave empty to keep it"))
                .body(containsString("<option value=\"GET\" selected>GET</option>"))
                .body(not(containsString("********")));
        services().stubFor(patch(urlEqualTo("/api/block_documents/" + id))
                .willReturn(aResponse().withStatus(204)));
        signedIn().redirects().follow(false).formParam("csrf", CSRF)
                .formParam("field", "url").formParam("value", "")
                .formParam("field", "method").formParam("value", "POST")
                .formParam("field", "headers").formParam("value", "")
                .post("/blocks/" + id + "/edit")
                .then().statusCode(303).header("Location", containsString("/blocks?message="));
        services().verify(patchRequestedFor(urlEqualTo("/api/block_documents/" + id))
                .withRequestBody(equalToJson("""
                        {"merge_existing_data": false,
                         "data": {"url": "********", "method": "POST", "headers": "********"}}""")));
    }

    @Test
    void aWebhookIsCreatedAndEditedWithAWriteOnlySecret() {
        String id = UUID.randomUUID().toString();
        signedIn().get("/blocks/webhooks/new")
                .then().statusCode(200).body(containsString("webhook.called"))
                .body(containsString("<option value=\"github\" >github</option>"));
        services().stubFor(post(urlEqualTo("/api/webhooks"))
                .willReturn(json(201, "{\"id\": \"" + id + "\"}")));
        signedIn().redirects().follow(false).formParam("csrf", CSRF)
                .formParam("name", "github").formParam("enabled", "true").formParam("template", "{}")
                .formParam("scheme", "github").formParam("secret", "s3cret").formParam("header", "")
                .post("/blocks/webhooks/new")
                .then().statusCode(303).header("Location", containsString("/blocks/webhooks/" + id));
        services().verify(postRequestedFor(urlEqualTo("/api/webhooks")).withRequestBody(equalToJson("""
                {"name": "github", "description": "", "enabled": true, "template": "{}",
                 "signature": {"scheme": "github", "secret": "s3cret"}}""")));

        services().stubFor(WireMock.get(urlEqualTo("/api/webhooks/" + id))
                .willReturn(json(200, """
                        {"id": "%s", "name": "github", "description": "", "enabled": true, "template": "{}",
                         "url": "http://127.0.0.1:4200/hooks/slug", "signature": {"scheme": "github", "header": null}}"""
                        .formatted(id))));
        signedIn().get("/blocks/webhooks/" + id + "/edit")
                .then().statusCode(200).body(containsString("<option value=\"github\" selected>github</option>"))
                .body(containsString("A secret is stored"));
        services().stubFor(put(urlEqualTo("/api/webhooks/" + id))
                .willReturn(json(422, """
                        {"exception_message": "Invalid request received.", "exception_detail": [
                          {"loc": ["body", "template"], "msg": "unexpected end of template", "type": "template_invalid"}]}""")));
        signedIn().formParam("csrf", CSRF).formParam("secret_stored", "true")
                .formParam("name", "github").formParam("enabled", "false").formParam("template", "{{ body")
                .formParam("scheme", "github").formParam("secret", "").formParam("header", "")
                .post("/blocks/webhooks/" + id + "/edit")
                .then().statusCode(422)
                .body(containsString("<code class=\"path\">template</code>: <span class=\"message\">unexpected end"))
                .body(containsString("{{ body</textarea>"))
                .body(containsString("A secret is stored"));
        services().verify(putRequestedFor(urlEqualTo("/api/webhooks/" + id)).withRequestBody(equalToJson("""
                {"name": "github", "description": "", "enabled": false, "template": "{{ body",
                 "signature": {"scheme": "github"}}""")));
    }
}
