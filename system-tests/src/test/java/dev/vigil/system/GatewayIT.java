package dev.vigil.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.vigil.testsupport.auth.TestApiKeys;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The gateway in front of the real services: routing, error bodies, health, and CORS closed by default. */
@ExtendWith(VigilSystem.class)
class GatewayIT {

    private static final String FOREIGN_ORIGIN = "http://ui.example";
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

    @Test
    void gatewayAnswersItsOwnHealthCheck() {
        given().baseUri(VigilSystem.gatewayUrl())
                .when().get("/health")
                .then().statusCode(200).body(equalTo("ok"));
    }

    @Test
    void unknownAutomationIsAJson404FromTheEvaluator() {
        given().baseUri(VigilSystem.gatewayUrl())
                .when().get("/api/automations/" + UUID.randomUUID())
                .then().statusCode(404).contentType(ContentType.JSON).body("detail", equalTo("Automation not found"));
    }

    /** Java's default HttpClient offers h2c on every request; the gateway must not pass that on. */
    @Test
    void aPostOfferingAnH2cUpgradeIsAnsweredNormally() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(VigilSystem.gatewayUrl() + "/api/events"))
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[]")).build();
        assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
    }

    @Test
    void emptyEventBatchIsAccepted() {
        given().baseUri(VigilSystem.gatewayUrl()).contentType(ContentType.JSON).body("[]")
                .when().post("/api/events")
                .then().statusCode(204);
    }

    @ParameterizedTest
    @CsvSource({"/api/nothing", "/api/flows/", "/api", "/q/metrics"})
    void unroutedPathIsAJson404FromTheGateway(String path) {
        given().baseUri(VigilSystem.gatewayUrl())
                .when().get(path)
                .then().statusCode(404).contentType(ContentType.JSON).body("detail", equalTo("Not Found"));
    }

    @ParameterizedTest
    @EnumSource(VigilService.class)
    void everyServiceIsReady(VigilService service) {
        given().baseUri(VigilSystem.serviceUrl(service))
                .when().get(ServiceProcess.READY_PATH)
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    /** One API path of each service: the preflight goes through the gateway to that service. */
    @ParameterizedTest
    @CsvSource({"/api/events", "/api/automations/", "/api/block_documents/"})
    void corsIsClosedWhenNoOriginIsConfigured(String path) {
        given().baseUri(VigilSystem.gatewayUrl())
                .header("Origin", FOREIGN_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .when().options(path)
                .then().header(ALLOW_ORIGIN, nullValue());
    }

    @ParameterizedTest
    @EnumSource(VigilService.class)
    void corsIsClosedOnEveryServiceDirectly(VigilService service) {
        given().baseUri(VigilSystem.serviceUrl(service))
                .header("Origin", FOREIGN_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/automations/")
                .then().header(ALLOW_ORIGIN, nullValue());
    }

    /**
     * A UI served by the gateway itself is same-origin: its browser still sends {@code Origin} on a
     * POST, which closed CORS must not refuse (the gateway forwards the Host it was called with).
     */
    @Test
    void sameOriginPostThroughTheGatewayIsAccepted() {
        given().baseUri(VigilSystem.gatewayUrl())
                .header("Origin", VigilSystem.gatewayUrl())
                .contentType(ContentType.JSON).body("[]")
                .when().post("/api/events")
                .then().statusCode(204);
    }
}
