package dev.vigil.ingest.webhook;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.workspacePath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhooksTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String TEMPLATE = """
            {"event": "hook.{{ body.kind }}", "resource": {"prefect.resource.id": "hook.{{ body.id }}"},
             "payload": {"method": "{{ method }}", "agent": "{{ headers['user-agent'] }}",
                         "auth": "{{ headers.authorization }}", "q": "{{ query.x }}"}}""";

    @Inject
    Pool pool;

    private static JsonPath create(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(workspacePath(WORKSPACE, "/webhooks"))
                .then().statusCode(201).extract().jsonPath();
    }

    private static String webhook(String template, String signature) {
        return """
                {"name": "n", "description": "d", "template": %s, "signature": %s}"""
                .formatted(io.vertx.core.json.Json.encode(template), signature);
    }

    private List<Row> events(String name) {
        var rows = pool.preparedQuery("SELECT event, resource_id, payload::text AS payload FROM ingest.events "
                + "WHERE workspace_id = $1 AND event = $2").execute(Tuple.of(WORKSPACE, name))
                .await().atMost(Duration.ofSeconds(5));
        List<Row> all = new ArrayList<>();
        rows.forEach(all::add);
        return all;
    }

    private static String path(JsonPath hook) {
        return "/hooks/" + hook.getString("slug");
    }

    @Test
    void createGivesIdSlugAndPublicUrlAndNeverTheSecret() {
        JsonPath hook = create(webhook(TEMPLATE, "{\"scheme\": \"github\", \"secret\": \"s3cret\"}"));
        assertThat(hook.getString("slug")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(hook.getString("url")).isEqualTo("http://127.0.0.1:4200/hooks/" + hook.getString("slug"));
        given().when().get(workspacePath(WORKSPACE, "/webhooks/" + hook.getString("id"))).then().statusCode(200)
                .body("signature.scheme", equalTo("github")).body(not(containsString("s3cret")));
        given().when().get(workspacePath(UUID.randomUUID(), "/webhooks/" + hook.getString("id"))).then()
                .statusCode(404);
    }

    @Test
    void invalidWebhooksAre422() {
        given().contentType(ContentType.JSON).body("{\"template\": \"{}\"}").when()
                .post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "name")));
        given().contentType(ContentType.JSON).body(webhook("{% if %}", "null")).when()
                .post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "template")));
        given().contentType(ContentType.JSON).body(webhook("{}", "{\"scheme\": \"github\"}")).when()
                .post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(422);
    }

    @Test
    void jsonBodyBecomesAnEventWithoutTheAuthorizationHeader() {
        JsonPath hook = create(webhook(TEMPLATE, "null"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer hidden").header("User-Agent", "t/1")
                .body("{\"kind\": \"json\", \"id\": 7}").when().post(path(hook) + "?x=y").then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> events("hook.json").size() == 1);
        Row row = events("hook.json").get(0);
        assertThat(row.getString("resource_id")).isEqualTo("hook.7");
        assertThat(row.getString("payload")).contains("\"method\": \"POST\"").contains("\"agent\": \"t/1\"")
                .contains("\"auth\": \"\"").contains("\"q\": \"y\"").doesNotContain("hidden");
    }

    @Test
    void formFieldsAndPlainTextAreTheBody() {
        JsonPath form = create(webhook(TEMPLATE, "null"));
        given().contentType(ContentType.URLENC).formParam("kind", "form").formParam("id", "f 1").when()
                .put(path(form)).then().statusCode(204);
        JsonPath text = create(webhook("""
                {"event": "hook.text", "resource": {"prefect.resource.id": "t"}, "payload": {"raw": "{{ body }}"}}""",
                "null"));
        given().contentType(ContentType.TEXT).body("plain words").when().patch(path(text)).then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> events("hook.form").size() == 1 && events("hook.text").size() == 1);
        assertThat(events("hook.form").get(0).getString("resource_id")).isEqualTo("hook.f 1");
        assertThat(events("hook.text").get(0).getString("payload")).contains("plain words");
    }

    @Test
    void formDataWithABadPercentEscapeIs400() {
        JsonPath form = create(webhook(TEMPLATE, "null"));
        given().contentType(ContentType.URLENC).body("id=%zz&kind=form").when()
                .post(path(form)).then().statusCode(400).body(containsString("not valid form data"));
    }

    @Test
    void staticTemplateAcceptsGetAndListsOfEvents() {
        JsonPath hook = create(webhook("""
                [{"event": "hook.static", "resource": {"prefect.resource.id": "s.1"}},
                 {"event": "hook.static", "resource": {"prefect.resource.id": "s.2"}}]""", "null"));
        given().when().get(path(hook)).then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> events("hook.static").size() == 2);
    }

    @Test
    void unknownAndDisabledSlugsAre404() {
        given().when().post("/hooks/no-such-slug").then().statusCode(404);
        JsonPath hook = create(webhook(TEMPLATE, "null"));
        given().contentType(ContentType.JSON).body("{\"name\": \"n\", \"enabled\": false, \"template\": \"{}\"}")
                .when().put(workspacePath(WORKSPACE, "/webhooks/" + hook.getString("id"))).then().statusCode(200)
                .body("enabled", equalTo(false));
        given().when().post(path(hook)).then().statusCode(404);
    }

    @Test
    void rotationRetiresTheOldSlug() {
        JsonPath hook = create(webhook("""
                {"event": "hook.rotated", "resource": {"prefect.resource.id": "r"}}""", "null"));
        JsonPath rotated = given().when().post(workspacePath(WORKSPACE, "/webhooks/" + hook.getString("id")
                + "/rotate")).then().statusCode(200).extract().jsonPath();
        assertThat(rotated.getString("slug")).isNotEqualTo(hook.getString("slug"));
        given().when().post(path(hook)).then().statusCode(404);
        given().when().post(path(rotated)).then().statusCode(204);
    }

    @Test
    void badTemplateOutputIs400AndEmitsAFailureEvent() {
        JsonPath hook = create(webhook("""
                {"event": "hook.bad", "resource": {"x": "{{ body.id }}"}}""", "null"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer hidden").body("{\"id\": 1}")
                .when().post(path(hook)).then().statusCode(400).body("detail", containsString("resource"));
        String resource = HooksResource.RESOURCE_PREFIX + hook.getString("id");
        await().atMost(STORE_WAIT).until(() -> events(HooksResource.FAILED_EVENT).stream()
                .anyMatch(r -> r.getString("resource_id").equals(resource)));
        Row failed = events(HooksResource.FAILED_EVENT).stream()
                .filter(r -> r.getString("resource_id").equals(resource)).findFirst().orElseThrow();
        assertThat(failed.getString("payload")).contains("[REDACTED]").doesNotContain("hidden")
                .contains("\"status_code\": 400");
    }

    @Test
    void githubSignatureIsChecked() {
        JsonPath hook = create(webhook(TEMPLATE, "{\"scheme\": \"github\", \"secret\": \"gh-secret\"}"));
        String body = "{\"kind\": \"github\", \"id\": 1}";
        String good = "sha256=" + SignatureVerifier.hex(SignatureVerifier.mac(bytes("gh-secret"), bytes(body)));
        given().contentType(ContentType.JSON).body(body).when().post(path(hook)).then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Hub-Signature-256", "sha256=00").body(body).when()
                .post(path(hook)).then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Hub-Signature-256", good).body(body).when()
                .post(path(hook)).then().statusCode(204);
        await().atMost(STORE_WAIT).until(() -> events("hook.github").size() == 1);
    }

    @Test
    void genericHmacUsesTheConfiguredHeader() {
        JsonPath hook = create(webhook(TEMPLATE,
                "{\"scheme\": \"hmac-sha256\", \"secret\": \"k\", \"header\": \"X-My-Sig\"}"));
        String body = "{\"kind\": \"hmac\", \"id\": 1}";
        String good = SignatureVerifier.hex(SignatureVerifier.mac(bytes("k"), bytes(body)));
        given().contentType(ContentType.JSON).header("X-Signature", good).body(body).when().post(path(hook)).then()
                .statusCode(401);
        given().contentType(ContentType.JSON).header("X-My-Sig", good).body(body).when().post(path(hook)).then()
                .statusCode(204);
    }

    @Test
    void stripeSignatureIsCheckedWithinTheReplayWindow() {
        JsonPath hook = create(webhook(TEMPLATE, "{\"scheme\": \"stripe\", \"secret\": \"whsec_stripe\"}"));
        String body = "{\"kind\": \"stripe\", \"id\": 1}";
        long now = Instant.now().getEpochSecond();
        given().contentType(ContentType.JSON).header("Stripe-Signature", stripe(now - 301, body)).body(body).when()
                .post(path(hook)).then().statusCode(401).body("detail", containsString("replay"));
        given().contentType(ContentType.JSON).header("Stripe-Signature", stripe(now, body)).body(body).when()
                .post(path(hook)).then().statusCode(204);
    }

    private static String stripe(long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + SignatureVerifier.hex(SignatureVerifier.mac(bytes("whsec_stripe"),
                bytes(timestamp + "." + body)));
    }

    @Test
    void standardWebhooksSignatureIsChecked() {
        byte[] key = bytes("standard-key-0123456789");
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        JsonPath hook = create(webhook(TEMPLATE, "{\"scheme\": \"standard-webhooks\", \"secret\": \"" + secret
                + "\"}"));
        String body = "{\"kind\": \"standard\", \"id\": 1}";
        String id = "msg_1";
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = "v1," + Base64.getEncoder().encodeToString(
                SignatureVerifier.mac(key, bytes(id + "." + timestamp + "." + body)));
        given().contentType(ContentType.JSON).header("webhook-id", id).header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1,bm9wZQ==").body(body).when().post(path(hook)).then().statusCode(401);
        given().contentType(ContentType.JSON).header("webhook-id", id).header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1,bm9wZQ== " + signature).body(body).when().post(path(hook)).then()
                .statusCode(204);
    }

    @Test
    void signatureTimestampsBeyondInstantAre401() {
        JsonPath stripe = create(webhook(TEMPLATE, "{\"scheme\": \"stripe\", \"secret\": \"whsec_stripe\"}"));
        JsonPath standard = create(webhook(TEMPLATE, "{\"scheme\": \"standard-webhooks\", \"secret\": \"whsec_"
                + Base64.getEncoder().encodeToString(bytes("standard-key-0123456789")) + "\"}"));
        for (String t : List.of("99999999999999999", "-9223372036854775808", "9223372036854775807")) {
            given().contentType(ContentType.JSON).header("Stripe-Signature", "t=" + t + ",v1=00").body("{}").when()
                    .post(path(stripe)).then().statusCode(401).body("detail", containsString("replay window"));
            given().contentType(ContentType.JSON).header("webhook-id", "msg_1").header("webhook-timestamp", t)
                    .header("webhook-signature", "v1,bm9wZQ==").body("{}").when().post(path(standard)).then()
                    .statusCode(401).body("detail", containsString("replay window"));
        }
    }

    @Test
    void replayedSignedRequestsAreAnsweredWithoutASecondEvent() {
        byte[] key = bytes("standard-key-0123456789");
        JsonPath standard = create(webhook(TEMPLATE, "{\"scheme\": \"standard-webhooks\", \"secret\": \"whsec_"
                + Base64.getEncoder().encodeToString(key) + "\"}"));
        String body = "{\"kind\": \"replayed\", \"id\": 1}";
        String id = "msg_" + UUID.randomUUID();
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = "v1," + Base64.getEncoder().encodeToString(
                SignatureVerifier.mac(key, bytes(id + "." + timestamp + "." + body)));
        for (int copy = 0; copy < 3; copy++) {
            var answer = given().contentType(ContentType.JSON).header("webhook-id", id)
                    .header("webhook-timestamp", timestamp).header("webhook-signature", signature).body(body).when()
                    .post(path(standard)).then().statusCode(204);
            if (copy == 0) {
                answer.header(HooksResource.REPLAY_HEADER, nullValue());
            } else {
                answer.header(HooksResource.REPLAY_HEADER, "true");
            }
        }
        JsonPath stripe = create(webhook(TEMPLATE, "{\"scheme\": \"stripe\", \"secret\": \"whsec_stripe\"}"));
        String stripeBody = "{\"kind\": \"replayed\", \"id\": 2}";
        String header = stripe(Instant.now().getEpochSecond(), stripeBody);
        given().contentType(ContentType.JSON).header("Stripe-Signature", header).body(stripeBody).when()
                .post(path(stripe)).then().statusCode(204).header(HooksResource.REPLAY_HEADER, nullValue());
        given().contentType(ContentType.JSON).header("Stripe-Signature", header).body(stripeBody).when()
                .post(path(stripe)).then().statusCode(204).header(HooksResource.REPLAY_HEADER, "true");
        // Barrier, not a pause: a fresh request sent after the replays, once stored, means an event a replay
        // would have published before it had its chance to be stored too; only then count.
        String sentinelBody = "{\"kind\": \"sentinel\", \"id\": 2}";
        given().contentType(ContentType.JSON).header("Stripe-Signature", stripe(Instant.now().getEpochSecond(),
                sentinelBody)).body(sentinelBody).when().post(path(stripe)).then().statusCode(204)
                .header(HooksResource.REPLAY_HEADER, nullValue());
        await().atMost(STORE_WAIT).until(() -> events("hook.sentinel").size() == 1);
        assertThat(events("hook.replayed")).hasSize(2);
    }

    @Test
    void nulCharactersAndWrongTypesInWebhooksAre422NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"name\": \"a\\u0000b\", \"template\": \"{}\"}").when()
                .post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "name")))
                .body("exception_detail[0].type", equalTo("string_nul"));
        given().contentType(ContentType.JSON).body(webhook(TEMPLATE, "{\"scheme\": \"stripe\", \"secret\":"
                + " \"s\\u0000\"}")).when().post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "signature", "secret")));
        given().contentType(ContentType.JSON).body("{\"name\": 5, \"template\": \"{}\"}").when()
                .post(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "name")));
        given().when().get(workspacePath(WORKSPACE, "/webhooks/x%00y")).then().statusCode(422);
    }

    @Test
    void deleteRemovesTheWebhook() {
        JsonPath hook = create(webhook(TEMPLATE, "null"));
        given().when().delete(workspacePath(WORKSPACE, "/webhooks/" + hook.getString("id"))).then().statusCode(204);
        given().when().delete(workspacePath(WORKSPACE, "/webhooks/" + hook.getString("id"))).then().statusCode(404);
        given().when().get(workspacePath(WORKSPACE, "/webhooks/not-a-uuid")).then().statusCode(422);
        given().when().get(workspacePath(WORKSPACE, "/webhooks")).then().statusCode(200)
                .body("find { it.id == '" + hook.getString("id") + "' }", nullValue());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
