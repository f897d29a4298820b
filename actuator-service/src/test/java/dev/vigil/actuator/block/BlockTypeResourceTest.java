package dev.vigil.actuator.block;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The read-only block type catalogue, in Prefect's BlockType/BlockSchema shape. */
@QuarkusTest
class BlockTypeResourceTest {

    @Test
    void listsEveryTypeWithItsFieldsAndSecrets() {
        given().get("/api/block_types").then().statusCode(200)
                .body("slug", containsInAnyOrder("webhook", "slack-webhook", "ms-teams-webhook", "discord-webhook",
                        "custom-webhook", "pager-duty-webhook", "twilio-sms", "email"))
                .body("find { it.slug == 'twilio-sms' }.block_schema.fields.secret_fields", contains("auth_token"))
                .body("find { it.slug == 'twilio-sms' }.block_schema.fields.required",
                        contains("account_sid", "auth_token", "from_phone_number", "to_phone_numbers"))
                .body("find { it.slug == 'webhook' }.block_schema.fields.secret_fields",
                        contains("url", "headers.*", "secret"))
                .body("find { it.slug == 'slack-webhook' }.block_schema.capabilities", contains("notify"));
        given().post("/api/block_types/filter").then().statusCode(200).body("size()", equalTo(8));
    }

    @Test
    void readsOneBySlugAndById() {
        String id = given().get("/api/block_types/slug/pager-duty-webhook").then().statusCode(200)
                .body("name", equalTo("Pager Duty Webhook"))
                .body("is_protected", equalTo(true))
                .body("block_schema.fields.properties.severity.enum", contains("critical", "error", "warning", "info"))
                .body("block_schema.fields.properties.severity.default", equalTo("info"))
                .body("block_schema.fields.properties.integration_key.format", equalTo("password"))
                .body("block_schema.fields.properties.keySet()", hasItems("integration_key", "severity"))
                .extract().path("id");
        given().get("/api/block_types/" + id).then().statusCode(200).body("slug", equalTo("pager-duty-webhook"));
    }

    @Test
    void unknownTypesAre404AndBadIds422() {
        given().get("/api/block_types/slug/nope").then().statusCode(404).body("detail", equalTo("Block type not found"));
        given().get("/api/block_types/00000000-0000-0000-0000-000000000001").then().statusCode(404);
        given().get("/api/block_types/not-a-uuid").then().statusCode(422);
    }
}
