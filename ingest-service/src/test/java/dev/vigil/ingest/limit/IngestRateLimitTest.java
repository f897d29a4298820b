package dev.vigil.ingest.limit;

import static dev.vigil.ingest.support.TestEvents.workspacePath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.vigil.ingest.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ingest's rate limits at tiny values: each answers 429 with Retry-After and a body naming the limit. */
@QuarkusTest
@TestProfile(IngestRateLimitTest.TinyLimits.class)
class IngestRateLimitTest {

    private static final String SLOW = "0.01";

    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A refill far slower than the test's requests, however slow the box: only the burst counts.
            return Map.of(
                    "vigil.limits.events-per-second", SLOW, "vigil.limits.events-burst", "5",
                    "vigil.limits.webhook-calls-per-second", SLOW, "vigil.limits.webhook-calls-burst", "2",
                    "vigil.limits.api-requests-per-second", SLOW, "vigil.limits.api-requests-burst", "3");
        }
    }

    private static String events(int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add("""
                    {"id": "%s", "occurred": "%s", "event": "rate.test", "resource": {"prefect.resource.id": "r.%d"}}"""
                    .formatted(UUID.randomUUID(), Instant.now(), i));
        }
        return "[" + String.join(",", events) + "]";
    }

    @Test
    void eventsOverTheWorkspacesRateAre429() {
        UUID workspace = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(events(4)).post(workspacePath(workspace, "/events"))
                .then().statusCode(204);
        given().contentType(ContentType.JSON).body(events(4)).post(workspacePath(workspace, "/events"))
                .then().statusCode(429).header("Retry-After", notNullValue())
                .body("limit", equalTo("vigil.limits.events-per-second"))
                .body("detail", containsString("vigil.limits.events-per-second"));
        // Another workspace has its own bucket.
        given().contentType(ContentType.JSON).body(events(4)).post(workspacePath(UUID.randomUUID(), "/events"))
                .then().statusCode(204);
    }

    @TestHTTPResource("/api/events/in")
    URI in;

    /** The default workspace's bucket: only this test posts events there in this profile. */
    @Test
    void aWebsocketEventOverTheRateGetsAnErrorFrameNamingTheLimit() throws Exception {
        try (SocketClient client = SocketClient.connect(in, "prefect")) {
            for (int i = 0; i < 6; i++) {
                client.send("""
                        {"id": "%s", "occurred": "%s", "event": "rate.ws", "resource": {"prefect.resource.id": "w.1"}}"""
                        .formatted(UUID.randomUUID(), Instant.now()));
            }
            String frame = client.next(Duration.ofSeconds(20));
            assertThat(frame).contains("\"type\":\"error\"").contains("vigil.limits.events-per-second")
                    .contains("rate_limited");
        }
    }

    @Test
    void callsOfOneWebhookOverItsRateAre429() {
        UUID workspace = UUID.randomUUID();
        String slug = given().contentType(ContentType.JSON)
                .body("{\"name\": \"rated\", \"template\": \"{\\\"event\\\": \\\"hooked\\\", \\\"resource\\\": "
                        + "{\\\"prefect.resource.id\\\": \\\"h.1\\\"}}\"}")
                .post(workspacePath(workspace, "/webhooks")).then().statusCode(201).extract().path("slug");
        given().body("{}").post("/hooks/" + slug).then().statusCode(204);
        given().body("{}").post("/hooks/" + slug).then().statusCode(204);
        given().body("{}").post("/hooks/" + slug).then().statusCode(429).header("Retry-After", notNullValue())
                .body("limit", equalTo("vigil.limits.webhook-calls-per-second"));
    }

    @Test
    void apiRequestsOverTheWorkspacesRateAre429() {
        UUID workspace = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            given().get(workspacePath(workspace, "/webhooks/" + UUID.randomUUID())).then().statusCode(404);
        }
        given().get(workspacePath(workspace, "/webhooks/" + UUID.randomUUID())).then().statusCode(429)
                .header("Retry-After", notNullValue()).contentType(ContentType.JSON)
                .body("limit", equalTo("vigil.limits.api-requests-per-second"));
    }
}
