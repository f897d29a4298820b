package dev.vigil.evaluator.root;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Prefect's root routes answered as Prefect's server answers them. */
@QuarkusTest
class PrefectRootResourceTest {

    @Test
    void healthIsJsonTrueAndNeedsNoKey() {
        given().noFilters().get("/api/health").then().statusCode(200)
                .contentType(startsWith("application/json")).body(equalTo("true"));
    }

    @Test
    void helloAndVersionsAreJsonStringsBehindAKey() {
        given().get("/api/hello").then().statusCode(200).body(equalTo("\"\uD83D\uDC4B\""));
        given().get("/api/admin/version").then().statusCode(200).body(startsWith("\"3."));
        given().get("/api/version").then().statusCode(200).body(equalTo("\"0.8.4\""));
        given().noFilters().get("/api/hello").then().statusCode(401);
        given().noFilters().get("/api/admin/version").then().statusCode(401);
    }
}
