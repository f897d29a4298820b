package dev.vigil.actuator.block;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.messaging.Workspaces;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(Receiver.class)
class BlockDocumentResourceTest {

    private static final String SECRET_URL = "http://127.0.0.1:9/secret-path-token";

    private static String webhook(String name) {
        return """
                {"name": "%s", "block_type_slug": "webhook",
                 "data": {"url": "%s", "method": "POST", "headers": {"Authorization": "Bearer hush"}}}"""
                .formatted(name, SECRET_URL);
    }

    private static String create(String base, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(base + "/block_documents/")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("block_type_slug", equalTo("webhook"))
                .body("data.url", equalTo(BlockSecrets.OBFUSCATED))
                .body("data.headers", equalTo(BlockSecrets.OBFUSCATED))
                .body("data.method", equalTo("POST"))
                .extract().path("id");
    }

    @Test
    void createdBlockIsReadBackWithoutSecrets() {
        String id = create("/api", webhook("hook-" + UUID.randomUUID()));
        given().when().get("/api/block_documents/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body(not(containsString("secret-path-token")))
                .body(not(containsString("hush")));
    }

    @Test
    void prefectFormWithBlockTypeIdWorks() {
        String typeId = given().when().get("/api/block_documents/" + create("/api", webhook("h-" + UUID.randomUUID())))
                .then().extract().path("block_type_id");
        String body = """
                {"name": "by-id-%s", "block_type_id": "%s", "data": {"url": "%s"}}"""
                .formatted(UUID.randomUUID(), typeId, SECRET_URL);
        given().contentType(ContentType.JSON).body(body).when().post("/api/block_documents/")
                .then().statusCode(201).body("block_type_slug", equalTo("webhook"));
    }

    @Test
    void unknownBlockTypeIs422() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"block_type_slug\": \"carrier-pigeon\", \"data\": {}}")
                .when().post("/api/block_documents/")
                .then().statusCode(422).body("exception_detail[0].loc", equalTo(List.of("body", "block_type_slug")));
    }

    @Test
    void missingUrlIs422NamingTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"block_type_slug\": \"webhook\", \"data\": {\"method\": \"POST\"}}")
                .when().post("/api/block_documents/")
                .then().statusCode(422).body("exception_detail[0].loc", equalTo(List.of("body", "data", "url")));
    }

    @Test
    void nonHttpUrlIs422() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"block_type_slug\": \"webhook\", \"data\": {\"url\": \"file:///etc/passwd\"}}")
                .when().post("/api/block_documents/")
                .then().statusCode(422).body("exception_detail[0].type", equalTo("url_parsing"));
    }

    @Test
    void nameLongerThanTheIndexAllowsIs422() {
        given().contentType(ContentType.JSON).body(webhook("b".repeat(BlockDocumentService.MAX_NAME_LENGTH + 1)))
                .when().post("/api/block_documents/")
                .then().statusCode(422).body("exception_detail[0].type", equalTo("string_too_long"));
    }

    @Test
    void duplicateNameIs409AsInPrefect() {
        String body = webhook("dup-" + UUID.randomUUID());
        create("/api", body);
        given().contentType(ContentType.JSON).body(body).when().post("/api/block_documents/")
                .then().statusCode(409).body("detail", equalTo("Block already exists"));
    }

    @Test
    void blocksAreScopedToTheirWorkspace() {
        String workspace = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + UUID.randomUUID();
        String id = create(workspace, webhook("scoped-" + UUID.randomUUID()));
        given().when().get(workspace + "/block_documents/" + id).then().statusCode(200);
        given().when().get("/api/block_documents/" + id).then().statusCode(404);
    }

    @Test
    void deleteRemovesTheBlock() {
        Receiver.SERVER.stubFor(post(urlEqualTo("/evaluator/api/accounts/" + Workspaces.DEFAULT + "/workspaces/"
                + Workspaces.DEFAULT + "/automations/filter")).willReturn(okJson("[]")));
        String id = create("/api", webhook("gone-" + UUID.randomUUID()));
        given().when().delete("/api/block_documents/" + id).then().statusCode(204);
        given().when().get("/api/block_documents/" + id).then().statusCode(404)
                .body("detail", equalTo("Block document not found"));
    }

    @jakarta.inject.Inject
    BlockDocumentService service;

    private BlockDocumentEntity stored(String id) throws Throwable {
        return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> service.load(new UUID(0, 0),
                UUID.fromString(id)));
    }

    @Test
    void patchMergesDataAndAnObfuscatedSecretKeepsItsValue() throws Throwable {
        String id = create("/api", webhook("patched-" + UUID.randomUUID()));
        given().contentType(ContentType.JSON)
                .body("{\"data\": {\"method\": \"PUT\", \"url\": \"" + BlockSecrets.OBFUSCATED + "\"}}")
                .patch("/api/block_documents/" + id).then().statusCode(204);
        given().get("/api/block_documents/" + id).then().statusCode(200).body("data.method", equalTo("PUT"));
        org.assertj.core.api.Assertions.assertThat(stored(id).data).containsEntry("url", SECRET_URL);
    }

    @Test
    void patchWithInvalidDataIs422AndUnknownIs404() {
        String id = create("/api", webhook("bad-patch-" + UUID.randomUUID()));
        given().contentType(ContentType.JSON).body("{\"data\": {\"url\": \"ftp://nope\"}}")
                .patch("/api/block_documents/" + id).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "data", "url")));
        given().contentType(ContentType.JSON).body("{\"data\": {}}")
                .patch("/api/block_documents/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void filterListsTheWorkspacesBlocksByNameWithoutSecrets() {
        String workspace = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + UUID.randomUUID();
        create(workspace, webhook("alpha"));
        create(workspace, webhook("bravo"));
        given().contentType(ContentType.JSON).body("{}").post(workspace + "/block_documents/filter")
                .then().statusCode(200).body("name", org.hamcrest.Matchers.contains("alpha", "bravo"))
                .body(not(containsString("secret-path-token")));
        given().contentType(ContentType.JSON).body("{\"block_documents\": {\"name\": {\"any_\": [\"bravo\"]}},"
                        + " \"block_types\": {\"slug\": {\"any_\": [\"webhook\"]}}}")
                .post(workspace + "/block_documents/filter").then().body("name", org.hamcrest.Matchers.contains("bravo"));
        given().contentType(ContentType.JSON).body("{\"limit\": 500}").post(workspace + "/block_documents/filter")
                .then().statusCode(422);
    }
}
