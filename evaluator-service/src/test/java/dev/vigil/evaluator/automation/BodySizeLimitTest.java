package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A body over the configured limit is refused with 413 and a JSON body that states the limit. */
@QuarkusTest
@TestProfile(BodySizeLimitTest.SmallLimit.class)
class BodySizeLimitTest {

    /** The production limit is large (backtests); a small one keeps this test quick. */
    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-body-size", "1M");
        }
    }

    @Test
    void oversizedBodyIs413WithAJsonBody() {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(huge).post("/api/automations/").then().statusCode(413)
                .contentType(ContentType.JSON).body("detail", containsString("1 MiB"));
    }
}
