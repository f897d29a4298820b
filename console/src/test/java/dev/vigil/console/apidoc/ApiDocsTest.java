package dev.vigil.console.apidoc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.vigil.console.web.ServicesStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code /api/openapi.json} and {@code /docs} without a sign-in. One stub stands in for all three services
 * here, so each gives the same document (the merge itself: {@link OpenApiMergerTest}). The document is made
 * again on every request in tests ({@code refresh=0s}), so the order of these tests matters: no document yet,
 * then one, then the services fail and the last one is still served.
 */
@QuarkusTest
@QuarkusTestResource(ServicesStub.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiDocsTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "evaluator-service API", "version": "1"},
             "paths": {"/api/automations/{id}": {"get": {"responses": {"200": {"description": "OK"}}}}},
             "components": {"securitySchemes": {"api_key": {"type": "http", "scheme": "bearer"}}},
             "security": [{"api_key": []}]}
            """;

    @BeforeEach
    void resetStubs() {
        ServicesStub.server().resetAll();
    }

    private static void servicesAnswer(int status, String body) {
        ServicesStub.server().stubFor(get(urlEqualTo(ServiceDocuments.PATH))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    @Order(1)
    void withoutTheServicesDocumentsThereIsNoDocumentYet() {
        servicesAnswer(500, "{}");
        given().get("/api/openapi.json").then().statusCode(503).contentType("application/json")
                .body("detail", containsString("answered 500"));
    }

    @Test
    @Order(2)
    void theDocumentIsServedWithoutASignIn() {
        servicesAnswer(200, DOCUMENT);
        given().redirects().follow(false).get("/api/openapi.json").then().statusCode(200)
                .contentType("application/json")
                .body("info.title", equalTo("Vigil API"))
                .body("paths.'/api/automations/{id}'.get.responses.'200'.description", equalTo("OK"))
                .body("components.securitySchemes.api_key.scheme", equalTo("bearer"));
        ServicesStub.server().verify(3, getRequestedFor(urlEqualTo(ServiceDocuments.PATH)));
    }

    @Test
    @Order(3)
    void theLastDocumentIsServedWhileTheServicesFail() {
        ServicesStub.server().stubFor(get(urlEqualTo(ServiceDocuments.PATH))
                .willReturn(aResponse().withStatus(502)));
        given().get("/api/openapi.json").then().statusCode(200).body("info.title", equalTo("Vigil API"));
    }

    @Test
    void swaggerUiIsServedWithoutASignInUnderTheStrictPolicy() {
        given().redirects().follow(false).get("/docs").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", not(containsString("unsafe")))
                .body(containsString("<script src=\"/openapi-ui/swagger-ui-bundle.js\" defer></script>"))
                .body(containsString("<script src=\"/static/docs.js\" defer></script>"))
                .body(not(containsString("<script>")));
        given().redirects().follow(false).get("/openapi-ui/swagger-ui-bundle.js").then().statusCode(200)
                .body(containsString("SwaggerUIBundle"));
        given().redirects().follow(false).get("/openapi-ui/swagger-ui.css").then().statusCode(200);
        given().redirects().follow(false).get("/static/docs.js").then().statusCode(200)
                .body(containsString("SwaggerUIBundle("));
    }
}
