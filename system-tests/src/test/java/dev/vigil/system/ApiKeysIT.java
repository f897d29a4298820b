package dev.vigil.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.vigil.testsupport.auth.TestApiKeys;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Keys across the three packaged services: anonymous calls refused, and a revoked key stopped everywhere. */
@ExtendWith(VigilSystem.class)
class ApiKeysIT {

    /** The bound: a revoked key stops working within 5 s in every service. */
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);

    /** A read call of each service, answered 200 to a key that may read. */
    private static final Map<VigilService, String> READ_CALLS = new EnumMap<>(Map.of(
            VigilService.INGEST, "/api/events/filter",
            VigilService.EVALUATOR, "/api/automations/filter",
            VigilService.ACTUATOR, "/api/block_documents/filter"));

    @Test
    void anonymousCallsAre401ThroughTheGatewayAndOpenPathsStayOpen() {
        READ_CALLS.values().forEach(path -> TestApiKeys.anonymous().baseUri(VigilSystem.gatewayUrl())
                .contentType(ContentType.JSON).body("{}").post(path)
                .then().statusCode(401).body("detail", startsWith("Missing API key")));
        TestApiKeys.anonymous().baseUri(VigilSystem.gatewayUrl()).get("/health").then().statusCode(200);
        for (VigilService service : VigilService.apiServices()) {
            TestApiKeys.anonymous().baseUri(VigilSystem.serviceUrl(service)).get(ServiceProcess.READY_PATH)
                    .then().statusCode(200);
            TestApiKeys.anonymous().baseUri(VigilSystem.serviceUrl(service)).get("/q/metrics")
                    .then().statusCode(401);
        }
    }

    @Test
    void aRevokedKeyStopsInEveryServiceWithinFiveSeconds() {
        Response created = given().baseUri(VigilSystem.gatewayUrl()).contentType(ContentType.JSON)
                .body("{\"name\": \"revoked soon\", \"role\": \"read\"}").post("/api/api_keys");
        created.then().statusCode(201);
        String key = created.jsonPath().getString("key");
        String id = created.jsonPath().getString("id");
        READ_CALLS.forEach((service, path) -> call(service, path, key).then().statusCode(200));

        long revoked = System.nanoTime();
        given().baseUri(VigilSystem.gatewayUrl()).delete("/api/api_keys/" + id).then().statusCode(204);
        READ_CALLS.forEach((service, path) -> {
            await().atMost(REVOCATION_BOUND).pollInterval(POLL)
                    .untilAsserted(() -> call(service, path, key).then().statusCode(401)
                            .body("detail", equalTo("Unknown or revoked API key")));
            System.out.printf("revoked key refused by %s after %d ms%n", service.module(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked));
        });
    }

    @Test
    void backtestsReachTheEventHistoryWithTheServiceKey() {
        given().baseUri(VigilSystem.gatewayUrl()).contentType(ContentType.JSON)
                .body("""
                        {"automation": {"name": "bt", "trigger": {"posture": "Reactive", "expect": ["pinged"],
                          "threshold": 3, "within": 60}, "actions": [{"type": "do-nothing"}]},
                         "since": "2020-01-01T00:00:00Z", "until": "2020-01-01T01:00:00Z"}""")
                .post("/api/automations/backtest").then().statusCode(200);
    }

    private static Response call(VigilService service, String path, String key) {
        return TestApiKeys.anonymous().baseUri(VigilSystem.serviceUrl(service))
                .header("Authorization", TestApiKeys.bearer(key))
                .contentType(ContentType.JSON).body("{}").post(path);
    }
}
