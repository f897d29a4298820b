package dev.vigil.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Prefect-style API calls the end-to-end tests make, through the gateway, in one workspace. */
final class VigilApi {

    static final int CREATED = 201;
    static final int NO_CONTENT = 204;

    private final String baseUrl;
    private final ApiPrefix prefix;

    VigilApi(String baseUrl, ApiPrefix prefix) {
        this.baseUrl = baseUrl;
        this.prefix = prefix;
    }

    /** {@code POST /block_documents/} of a webhook block; returns its id. */
    String createWebhookBlock(String name, String url) {
        Map<String, Object> body = Map.of(
                "name", name,
                "block_type_slug", "webhook",
                "data", Map.of("url", url, "method", "POST", "headers", Map.of()));
        return request().body(body)
                .when().post(prefix.path("/block_documents/"))
                .then().statusCode(CREATED).body("id", notNullValue())
                .extract().path("id");
    }

    ValidatableResponse readBlockDocument(String id) {
        return request().when().get(prefix.path("/block_documents/" + id)).then();
    }

    /** {@code POST /automations/}; returns the new automation's id. */
    String createAutomation(Map<String, Object> automation) {
        return request().body(automation)
                .when().post(prefix.path("/automations/"))
                .then().statusCode(CREATED).body("id", notNullValue())
                .extract().path("id");
    }

    /** {@code POST /events}: the batch must be accepted (204). */
    void postEvents(List<Map<String, Object>> events) {
        request().body(events)
                .when().post(prefix.path("/events"))
                .then().statusCode(NO_CONTENT);
    }

    /** {@code POST /events} as a traced client sends it, with a W3C {@code traceparent} header. */
    void postEvents(List<Map<String, Object>> events, String traceparent) {
        request().header("traceparent", traceparent).body(events)
                .when().post(prefix.path("/events"))
                .then().statusCode(NO_CONTENT);
    }

    /** A new event, as a client emits it: fresh id, occurred now (RFC 3339, UTC). */
    static Map<String, Object> event(String name, String resourceId) {
        return Map.of(
                "id", UUID.randomUUID().toString(),
                "occurred", Instant.now().toString(),
                "event", name,
                "resource", Map.of("prefect.resource.id", resourceId));
    }

    private RequestSpecification request() {
        return given().baseUri(baseUrl).contentType(ContentType.JSON).accept(ContentType.JSON);
    }
}
