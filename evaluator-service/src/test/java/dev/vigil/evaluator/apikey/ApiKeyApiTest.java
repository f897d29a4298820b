package dev.vigil.evaluator.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.ApiKeyStore;
import dev.vigil.support.auth.ApiKeys;
import dev.vigil.support.auth.Role;
import dev.vigil.testsupport.auth.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The key API, and the 401s of missing, malformed, unknown, revoked and expired keys. */
@QuarkusTest
class ApiKeyApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ApiKeyStore store;

    @Test
    void aCreatedKeyWorksIsListedWithoutItsSecretAndStopsWhenRevoked() {
        Response created = RestAssured.given().contentType("application/json")
                .body("{\"name\": \"ci reader\", \"role\": \"read\", \"expires\": \"2099-01-01T00:00:00Z\"}")
                .post("/api/api_keys");
        created.then().statusCode(201)
                .body("name", equalTo("ci reader")).body("role", equalTo("read"))
                .body("key", startsWith("vgl_")).body("expires", startsWith("2099-01-01T00:00"));
        String key = created.jsonPath().getString("key");
        String id = created.jsonPath().getString("id");
        assertThat(ApiKeys.isWellFormed(key)).isTrue();

        withKey(key).contentType("application/json").body("{}").post("/api/automations/filter").then().statusCode(200);
        withKey(key).contentType("application/json").body("{}").post("/api/automations/").then().statusCode(403);

        RestAssured.given().get("/api/api_keys").then().statusCode(200)
                .body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.key", nullValue())
                .body("toString()", not(org.hamcrest.Matchers.containsString(key)));

        RestAssured.given().delete("/api/api_keys/" + id).then().statusCode(204);
        withKey(key).contentType("application/json").body("{}").post("/api/automations/filter").then().statusCode(401)
                .body("detail", equalTo("Unknown or revoked API key"));
        RestAssured.given().delete("/api/api_keys/" + id).then().statusCode(404);
    }

    @Test
    void badKeysAre401WithAJsonBody() {
        TestApiKeys.anonymous().post("/api/automations/filter").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").body("detail", startsWith("Missing API key"));
        TestApiKeys.anonymous().header("Authorization", "Token abc").post("/api/automations/filter")
                .then().statusCode(401).body("detail", startsWith("The Authorization header must be"));
        TestApiKeys.anonymous().header("Authorization", "Basic dXNlcjpwYXNz").post("/api/automations/filter")
                .then().statusCode(401).body("detail", equalTo("Malformed API key"));
        withKey("vgl_not-a-key").post("/api/automations/filter").then().statusCode(401)
                .body("detail", equalTo("Malformed API key"));
        String valid = TestApiKeys.ADMIN;
        String badChecksum = valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A");
        withKey(badChecksum).post("/api/automations/filter").then().statusCode(401)
                .body("detail", equalTo("Malformed API key"));
        withKey(ApiKeys.generate()).post("/api/automations/filter").then().statusCode(401)
                .body("detail", equalTo("Unknown or revoked API key"));

        String expired = ApiKeys.generate();
        store.create(Workspaces.DEFAULT, Workspaces.DEFAULT, "expired", Role.ADMIN,
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), ApiKeys.hash(expired)).await().atMost(WAIT);
        withKey(expired).post("/api/automations/filter").then().statusCode(401)
                .body("detail", equalTo("Expired API key"));
    }

    /** Prefect's open-source clients send PREFECT_API_AUTH_STRING as Basic credentials: the key is the password. */
    @Test
    void aKeyAsTheBasicPasswordWorks() {
        String credentials = java.util.Base64.getEncoder().encodeToString(
                ("vigil:" + TestApiKeys.ADMIN).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        TestApiKeys.anonymous().header("Authorization", "Basic " + credentials).contentType("application/json").body("{}")
                .post("/api/automations/filter")
                .then().statusCode(200);
        TestApiKeys.anonymous().header("Authorization", "bearer " + TestApiKeys.ADMIN).contentType("application/json")
                .body("{}").post("/api/automations/filter")
                .then().statusCode(200);
    }

    @Test
    void invalidRequestsAre422NamingTheField() {
        RestAssured.given().contentType("application/json").body("{\"role\": \"root\"}").post("/api/api_keys")
                .then().statusCode(422)
                .body("exception_detail.loc.flatten()", hasItem("name"))
                .body("exception_detail.loc.flatten()", hasItem("role"));
        RestAssured.given().contentType("application/json")
                .body("{\"name\": \"x\", \"role\": \"read\", \"expires\": \"2001-01-01T00:00:00Z\"}")
                .post("/api/api_keys").then().statusCode(422).body("exception_detail[0].loc[1]", equalTo("expires"));
        RestAssured.given().contentType("application/json")
                .body("{\"name\": \"x\\u0000y\", \"role\": \"read\"}")
                .post("/api/api_keys").then().statusCode(422).body("exception_detail[0].loc[1]", equalTo("name"));
        RestAssured.given().contentType("application/json").body("[]").post("/api/api_keys").then().statusCode(422);
        RestAssured.given().delete("/api/api_keys/not-a-uuid").then().statusCode(422);
    }

    @Test
    void keysBelongToTheWorkspaceOfThePath() {
        UUID account = UUID.randomUUID();
        UUID workspace = UUID.randomUUID();
        String prefix = "/api/accounts/" + account + "/workspaces/" + workspace;
        // The default workspace's admin makes the other workspace's first admin key.
        String admin = RestAssured.given().contentType("application/json")
                .body("{\"name\": \"tenant admin\", \"role\": \"admin\", \"account_id\": \"" + account
                        + "\", \"workspace_id\": \"" + workspace + "\"}")
                .post("/api/api_keys").then().statusCode(201).extract().path("key");
        String id = withKey(admin).get(prefix + "/api_keys").then().statusCode(200).extract().path("[0].id");
        withKey(admin).get("/api/api_keys").then().statusCode(404).body("detail", equalTo("Not Found"));
        withKey(admin).get("/api/accounts/" + UUID.randomUUID() + "/workspaces/" + workspace + "/api_keys")
                .then().statusCode(404);
        // Only the default workspace's admins may name another workspace.
        withKey(admin).contentType("application/json")
                .body("{\"name\": \"x\", \"role\": \"read\", \"workspace_id\": \"" + UUID.randomUUID() + "\"}")
                .post(prefix + "/api_keys").then().statusCode(422);
        RestAssured.given().delete("/api/api_keys/" + id).then().statusCode(404);
        withKey(admin).delete(prefix + "/api_keys/" + id).then().statusCode(204);
    }

    private static io.restassured.specification.RequestSpecification withKey(String key) {
        return TestApiKeys.anonymous().header("Authorization", TestApiKeys.bearer(key));
    }
}
