package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Automations are small: a body over 1 MiB is refused with 413 and a JSON body that states the limit.
 * Backtests carry up to 100k events and keep the transport's larger limit.
 */
@QuarkusTest
class BodySizeLimitTest {

    private static final String TWO_MIB_NAME = "x".repeat(2 * 1024 * 1024);

    @Test
    void oversizedAutomationIs413WithAJsonBody() {
        given().contentType(ContentType.JSON).body("{\"name\": \"" + TWO_MIB_NAME + "\"}")
                .post("/api/automations/").then().statusCode(413)
                .contentType(ContentType.JSON).body("detail", containsString("1 MiB"));
    }

    @Test
    void theLimitAlsoHoldsUnderAWorkspacePrefix() {
        given().contentType(ContentType.JSON).body("{\"name\": \"" + TWO_MIB_NAME + "\"}")
                .post("/api/accounts/6f1d0c9e-3d34-4c9e-9d7e-2d0f6c1b7a10/workspaces/0b9e8a7c-1f2e-4d3c-8b5a-6e7f8091a2b3/automations/").then().statusCode(413);
    }

    @Test
    void aBacktestMayBeLargerThanAnAutomation() {
        given().contentType(ContentType.JSON).body("{\"padding\": \"" + TWO_MIB_NAME + "\"}")
                .post("/api/automations/backtest").then().statusCode(not(413));
    }
}
