package dev.vigil.evaluator.template;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.vigil.testsupport.HostileTemplates;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hostile templates through the evaluator's real validation paths ({@code /api/templates/validate} and
 * automation save): each is a clean 422 (or, when it is only hostile with data, accepted), never a 500 or
 * an OutOfMemoryError, and the same JVM validates a normal template afterwards.
 */
@QuarkusTest
class TemplateBoundsResourceTest {

    private static final String NORMAL = "Hello {{ event.resource.id }} {% for r in event.related %}{{ r.id }}"
            + "{% endfor %}";

    @Test
    void sizesWrittenInTheTemplateAre422WithTheirLine() {
        for (String hostile : HostileTemplates.LITERAL) {
            given().contentType("text/plain").body("first line\n" + hostile).post("/api/templates/validate")
                    .then().statusCode(422)
                    .body("error.line", greaterThanOrEqualTo(0))
                    .body("error.message", notNullValue());
        }
        given().contentType("text/plain").body(NORMAL).post("/api/templates/validate").then().statusCode(204);
    }

    @Test
    void templatesHostileOnlyAtRenderAnswerCleanly() {
        for (String hostile : HostileTemplates.AT_RENDER) {
            given().contentType("text/plain").body(hostile).post("/api/templates/validate")
                    .then().statusCode(anyOf(equalTo(204), equalTo(422)));
        }
        given().contentType("text/plain").body(HostileTemplates.timeBomb("event.event", "boom", NORMAL))
                .post("/api/templates/validate").then().statusCode(204);
        given().contentType("text/plain").body(NORMAL).post("/api/templates/validate").then().statusCode(204);
    }

    @Test
    void backtestRendersATimeBombAsThatActionsErrorAndTheNextActionNormally() {
        String bomb = HostileTemplates.timeBomb("event.event", "boom", "{{ event.event }}");
        String body = """
                {"automation": {"name": "bt", "trigger": {"posture": "Reactive", "expect": ["boom", "fine"],
                  "threshold": 1, "within": 0}, "actions": [{"type": "call-webhook", "block_document_id": "%s",
                  "payload": %s}]},
                 "start": "2026-01-01T00:00:00Z", "until": "2026-01-01T00:05:00Z", "events": [%s, %s]}"""
                .formatted(UUID.randomUUID(), Json.encode(bomb), event("boom", "00:00:10"), event("fine", "00:00:20"));
        given().contentType(ContentType.JSON).body(body).post("/api/automations/backtest").then().statusCode(200)
                .body("firings.findAll { it.state == 'Triggered' }.size()", equalTo(2))
                .body("firings.findAll { it.state == 'Triggered' }[0].actions[0].error",
                        containsString("width 1000000000"))
                .body("firings.findAll { it.state == 'Triggered' }[1].actions[0].payload", equalTo("fine"));
    }

    private static String event(String name, String time) {
        return """
                {"id": "%s", "occurred": "2026-01-01T%sZ", "event": "%s", "resource": {"prefect.resource.id": "r"}}"""
                .formatted(UUID.randomUUID(), time, name);
    }

    @Test
    void automationSaveRefusesAHostileActionTemplateByItsField() {
        String automation = """
                {"name": "t", "trigger": {"posture": "Reactive"}, "actions": [{"type": "call-webhook",
                 "block_document_id": "%s", "payload": %s}]}""";
        for (String hostile : List.of(HostileTemplates.LITERAL.get(0), HostileTemplates.LITERAL.get(2))) {
            given().contentType(ContentType.JSON).body(automation.formatted(UUID.randomUUID(), Json.encode(hostile)))
                    .post("/api/automations/").then().statusCode(422)
                    .body("exception_detail[0].loc", equalTo(List.of("body", "actions", 0, "payload")));
        }
        given().contentType(ContentType.JSON).body(automation.formatted(UUID.randomUUID(), Json.encode(NORMAL)))
                .post("/api/automations/").then().statusCode(201);
    }
}
