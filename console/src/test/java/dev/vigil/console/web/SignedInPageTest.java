package dev.vigil.console.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.vigil.console.session.Session;
import dev.vigil.console.session.SessionCodec;
import dev.vigil.console.session.SessionCookies;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every page test shares: the stand-in for the services (emptied before each test), a signed-in session
 * whose key must never reach the browser and whose form token is {@link #CSRF}, and JSON answers.
 */
@QuarkusTestResource(ServicesStub.class)
abstract class SignedInPageTest {

    static final String KEY = "vgl_test-key-that-must-never-reach-the-browser";
    static final String CSRF = "form-token-of-this-session";
    static final String JSON = "application/json";

    @Inject
    SessionCodec codec;

    @BeforeEach
    void resetServices() {
        services().resetAll();
    }

    static WireMockServer services() {
        return ServicesStub.server();
    }

    /** A sealed session cookie's value for {@link #KEY}, valid for an hour. */
    String session() {
        return codec.seal(new Session(KEY, "", CSRF, Instant.now().plus(Duration.ofHours(1))));
    }

    /** A request with the signed-in session's cookie. */
    RequestSpecification signedIn() {
        return given().cookie(SessionCookies.SESSION, session());
    }

    /** A service's JSON answer. */
    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body);
    }
}
