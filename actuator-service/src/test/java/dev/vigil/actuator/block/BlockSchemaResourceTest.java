package dev.vigil.actuator.block;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Block schemas and blocks as Prefect's clients create them: the UI library's three calls, and the request
 * sequence of Prefect's SDK for {@code SlackWebhook(url=...).save("name")} (read from
 * {@code Block._save}/{@code register_type_and_schema}).
 */
@QuarkusTest
class BlockSchemaResourceTest {

    private static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/XXXX";

    @Test
    void uiLibraryCreatesABlockInThreeCalls() {
        String typeId = given().get("/api/block_types/slug/slack-webhook").then().statusCode(200)
                .extract().path("id");
        // getBlockSchemaForBlockType: the first schema of a filter by block type id
        Map<String, Object> schema = given().contentType(ContentType.JSON)
                .body(Map.of("block_schemas", Map.of("block_type_id", Map.of("any_", List.of(typeId)))))
                .post("/api/block_schemas/filter").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].block_type_id", equalTo(typeId))
                .body("[0].block_type.slug", equalTo("slack-webhook"))
                .extract().path("[0]");
        String name = "ui-" + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).body(Map.of("name", name, "data", Map.of("url", SLACK_URL),
                        "block_schema_id", schema.get("id"), "block_type_id", typeId))
                .post("/api/block_documents/").then().statusCode(201)
                .body("block_schema_id", equalTo(schema.get("id")))
                .body("block_type_id", equalTo(typeId))
                .body("data.url", equalTo(BlockSecrets.OBFUSCATED))
                .extract().path("id");
        given().get("/api/block_documents/" + id).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void sdkSaveRegistersTypeAndSchemaThenSavesTheDocument() {
        // 1. read_block_type_by_slug
        String typeId = given().get("/api/block_types/slug/slack-webhook").then().statusCode(200)
                .extract().path("id");
        // 2. update_block_type, as its description and logo differ from Vigil's: accepted, nothing changes
        given().contentType(ContentType.JSON).body("""
                        {"logo_url": "https://cdn.example/slack.png", "documentation_url": null,
                         "description": "Enables sending notifications via a provided Slack webhook.",
                         "code_example": null}""")
                .patch("/api/block_types/" + typeId).then().statusCode(204);
        given().get("/api/block_types/" + typeId).then().statusCode(200).body("logo_url", equalTo(null));
        // 3. read_block_schema_by_checksum with the SDK's own checksum and version: not Vigil's, so 404
        given().queryParam("version", "3.4.0")
                .get("/api/block_schemas/checksum/sha256:" + "0".repeat(64)).then().statusCode(404)
                .body("detail", equalTo("Block schema not found"));
        // 4. create_block_schema with the SDK's fields: answered with Vigil's schema of that type
        String schemaId = given().contentType(ContentType.JSON).body(sdkSlackSchema(typeId))
                .post("/api/block_schemas/").then().statusCode(200)
                .body("block_type_id", equalTo(typeId))
                .body("capabilities", contains("notify"))
                .extract().path("id");
        // 5. create_block_document with everything the SDK's model dumps
        String name = "sdk-" + UUID.randomUUID();
        String document = """
                {"name": "%s", "block_schema_id": "%s", "block_type_id": "%s", "is_anonymous": false,
                 "data": {"notify_type": "info", "url": "%s", "allow_private_urls": true}}"""
                .formatted(name, schemaId, typeId, SLACK_URL);
        String id = given().contentType(ContentType.JSON).body(document).post("/api/block_documents/")
                .then().statusCode(201)
                .body("name", equalTo(name))
                .body("block_schema_id", equalTo(schemaId))
                .body("data.url", equalTo(BlockSecrets.OBFUSCATED))
                .body("data.notify_type", equalTo("info"))
                .extract().path("id");
        // saving the same name again is Prefect's 409, which the SDK turns into "already exists" (or an overwrite)
        given().contentType(ContentType.JSON).body(document).post("/api/block_documents/")
                .then().statusCode(409).body("detail", equalTo("Block already exists"));
        // the overwrite finds the block by type and name (as Block.load does), secrets still obfuscated ...
        given().queryParam("include_secrets", true)
                .get("/api/block_types/slug/slack-webhook/block_documents/name/" + name).then().statusCode(200)
                .body("id", equalTo(id))
                .body("data.url", equalTo(BlockSecrets.OBFUSCATED))
                .body("block_schema.fields.block_type_slug", equalTo("slack-webhook"))
                .body("block_type.slug", equalTo("slack-webhook"))
                .body("block_document_references", equalTo(Map.of()));
        given().get("/api/block_types/slug/slack-webhook/block_documents/name/nope-" + UUID.randomUUID())
                .then().statusCode(404);
        // ... and sends update_block_document with block_schema_id and data
        given().contentType(ContentType.JSON).body("""
                        {"block_schema_id": "%s", "data": {"notify_type": "failure", "url": "%s",
                         "allow_private_urls": true}, "merge_existing_data": false}""".formatted(schemaId, SLACK_URL))
                .patch("/api/block_documents/" + id).then().statusCode(204);
        given().get("/api/block_documents/" + id).then().statusCode(200).body("data.notify_type", equalTo("failure"));
    }

    @Test
    void schemasCarryPrefectsFieldsCapabilitiesAndChecksums() {
        given().contentType(ContentType.JSON).body("{}").post("/api/block_schemas/filter").then().statusCode(200)
                .body("block_type.slug", containsInAnyOrder("webhook", "slack-webhook", "ms-teams-webhook",
                        "discord-webhook", "custom-webhook", "pager-duty-webhook", "twilio-sms", "email"))
                .body("checksum", everyItem(startsWith("sha256:")))
                .body("version", everyItem(equalTo(BlockSchemaView.VERSION)));
        Map<String, Object> twilio = given().contentType(ContentType.JSON)
                .body(Map.of("block_schemas", Map.of("block_capabilities", Map.of("all_", List.of("notify")))))
                .post("/api/block_schemas/filter").then().statusCode(200)
                .body("block_type.slug", not(hasItem("webhook")))
                .body("size()", equalTo(7))
                .extract().path("find { it.block_type.slug == 'twilio-sms' }");
        String id = (String) twilio.get("id");
        String checksum = (String) twilio.get("checksum");
        given().get("/api/block_schemas/" + id).then().statusCode(200)
                .body("fields.block_type_slug", equalTo("twilio-sms"))
                .body("fields.secret_fields", contains("auth_token"))
                .body("fields.required", contains("account_sid", "auth_token", "from_phone_number", "to_phone_numbers"))
                .body("fields.properties.auth_token.format", equalTo("password"))
                .body("fields.properties.notify_type.enum", contains("info", "success", "warning", "failure"))
                .body("fields", hasKey("block_schema_references"))
                .body("block_type.is_protected", equalTo(true))
                .body("block_type", not(hasKey("block_schema")))
                .body("checksum", equalTo(checksum));
        given().get("/api/block_schemas/checksum/" + checksum).then().statusCode(200).body("id", equalTo(id));
        given().queryParam("version", BlockSchemaView.VERSION).get("/api/block_schemas/checksum/" + checksum)
                .then().statusCode(200).body("id", equalTo(id));
        given().queryParam("version", "9.9.9").get("/api/block_schemas/checksum/" + checksum).then().statusCode(404);
        given().get("/api/block_schemas/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/block_schemas/not-a-uuid").then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("block_schemas", Map.of("id", Map.of("any_", List.of(id)))))
                .post("/api/block_schemas/filter").then().statusCode(200).body("id", contains(id));
        given().contentType(ContentType.JSON).body(Map.of("limit", 201)).post("/api/block_schemas/filter")
                .then().statusCode(422).body("exception_detail[0].loc", contains("body", "limit"));
        given().delete("/api/block_schemas/" + id).then().statusCode(403);
    }

    @Test
    void aSecretObjectIsListedAsPrefectListsASecretDict() {
        given().get("/api/block_types/slug/webhook").then().statusCode(200)
                .body("block_schema.fields.secret_fields", contains("url", "headers.*", "secret"));
    }

    @Test
    void aSchemaRegistrationWithAFieldVigilLacksIs422NamingIt() {
        String typeId = given().get("/api/block_types/slug/slack-webhook").then().extract().path("id");
        String body = """
                {"block_type_id": "%s", "capabilities": ["notify"], "version": "3.4.0",
                 "fields": {"title": "SlackWebhook", "type": "object",
                            "properties": {"url": {"type": "string"}, "channel": {"type": "string"}}}}"""
                .formatted(typeId);
        given().contentType(ContentType.JSON).body(body).post("/api/block_schemas/").then().statusCode(422)
                .body("exception_detail.loc", contains(List.of("body", "fields", "properties", "channel")));
    }

    @Test
    void aSchemaRegistrationForAnUnknownTypeIs404() {
        UUID unknown = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("block_type_id", unknown.toString(), "fields", Map.of()))
                .post("/api/block_schemas/").then().statusCode(404)
                .body("detail", equalTo("Block type " + unknown + " not found."));
    }

    @Test
    void registeringASupportedTypeIs409AndAnUnsupportedOne422() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Slack Webhook", "slug", "slack-webhook"))
                .post("/api/block_types/").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("name", "S3 Bucket", "slug", "s3-bucket"))
                .post("/api/block_types/").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", "slug"));
        String typeId = given().get("/api/block_types/slug/email").then().extract().path("id");
        given().delete("/api/block_types/" + typeId).then().statusCode(403);
    }

    @Test
    void aSchemaOfAnotherTypeThanTheTypeIdIs422() {
        String slack = given().get("/api/block_types/slug/slack-webhook").then().extract().path("id");
        String teamsSchema = given().get("/api/block_types/slug/ms-teams-webhook").then()
                .extract().path("block_schema.id");
        given().contentType(ContentType.JSON).body(Map.of("name", "mixed-" + UUID.randomUUID(),
                        "block_type_id", slack, "block_schema_id", teamsSchema, "data", Map.of("url", SLACK_URL)))
                .post("/api/block_documents/").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", "block_schema_id"));
        given().contentType(ContentType.JSON).body(Map.of("name", "anon", "block_type_slug", "slack-webhook",
                        "is_anonymous", true, "data", Map.of("url", SLACK_URL)))
                .post("/api/block_documents/").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", "is_anonymous"));
    }

    /** What {@code SlackWebhook._to_block_schema(...).model_dump(include=...)} sends (fields abridged). */
    private static String sdkSlackSchema(String typeId) {
        return """
                {"block_type_id": "%s", "capabilities": ["notify"], "version": "3.4.0",
                 "fields": {"title": "SlackWebhook", "description": "Enables sending notifications via a provided Slack webhook.",
                  "type": "object",
                  "properties": {
                   "notify_type": {"default": "info", "description": "The type of notification being performed.",
                                   "enum": ["info", "success", "warning", "failure"], "title": "Notify Type",
                                   "type": "string"},
                   "url": {"description": "Slack incoming webhook URL used to send notifications.",
                           "format": "password", "title": "Webhook URL", "type": "string", "writeOnly": true},
                   "allow_private_urls": {"default": true, "title": "Allow Private Urls", "type": "boolean"}},
                  "required": ["url"], "block_type_slug": "slack-webhook", "secret_fields": ["url"],
                  "block_schema_references": {}}}""".formatted(typeId);
    }
}
