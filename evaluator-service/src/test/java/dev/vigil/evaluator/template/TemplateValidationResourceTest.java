package dev.vigil.evaluator.template;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TemplateValidationResourceTest {

    @Test
    void validTemplateIs204() {
        given().contentType("text/plain").body("Hello {{ event.resource.id }}")
                .post("/api/templates/validate").then().statusCode(204);
    }

    @Test
    void invalidTemplateIs422WithLineMessageAndSource() {
        String source = "line one\n{% if %}";
        given().contentType("text/plain").body(source).post("/api/templates/validate").then().statusCode(422)
                .body("error.line", equalTo(2))
                .body("error.message", notNullValue())
                .body("error.source", equalTo(source));
    }

    @Test
    void jsonStringBodyAsPrefectsClientSendsItIsDecodedAndReportedByLineAndColumn() {
        given().contentType("application/json").body("\"Hello {{ 1+1 }}\"")
                .post("/api/templates/validate").then().statusCode(204);
        given().contentType("application/json").body("\"line one\\n  x {{ 1 + }}\"")
                .post("/api/templates/validate").then().statusCode(422)
                .body("error.line", equalTo(2))
                .body("error.column", equalTo(10))
                .body("error.source", equalTo("line one\n  x {{ 1 + }}"));
    }

    @Test
    void legacyPathAcceptsAnyContentType() {
        given().contentType("application/json").body("{{ unclosed")
                .post("/api/automations/templates/validate").then().statusCode(422);
        given().contentType("application/x-www-form-urlencoded").body("plain text is fine")
                .post("/api/automations/templates/validate").then().statusCode(204);
    }

    @Test
    void tooManyLoopsAreRefused() {
        String loops = "{% for i in x %}{% endfor %}".repeat(10 + 1);
        given().contentType("text/plain").body(loops).post("/api/templates/validate").then().statusCode(422);
    }

    @Test
    void nestingDeeperThanTwoIsRefused() {
        String deep = "{% for a in x %}{% for b in a %}{% for c in b %}{{ c }}{% endfor %}{% endfor %}{% endfor %}";
        given().contentType("text/plain").body(deep).post("/api/templates/validate").then().statusCode(422);
        String ok = "{% for a in x %}{% if a %}{{ a }}{% endif %}{% endfor %}";
        given().contentType("text/plain").body(ok).post("/api/templates/validate").then().statusCode(204);
    }
}
