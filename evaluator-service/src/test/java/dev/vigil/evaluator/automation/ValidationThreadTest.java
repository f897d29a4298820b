package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.template.TemplateSyntax;
import dev.vigil.template.TemplateLimits;
import dev.vigil.template.TemplateProblem;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Context;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checking an automation's templates renders them (each bounded by the render deadline), so it must never run
 * on an event loop: not on create, PUT, resume (PATCH enabled), apply, nor for a backtest.
 */
@QuarkusTest
class ValidationThreadTest {

    private static final String TEMPLATE = "{{ event.resource.id }}";

    @Inject
    TemplateLimits limits;

    private final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();

    @BeforeEach
    void recordWhereTemplatesAreChecked() {
        onEventLoop.clear();
        QuarkusMock.installMockForType(new TemplateSyntax(limits) {
            @Override
            public Optional<TemplateProblem> check(String template) {
                if (TEMPLATE.equals(template)) {
                    onEventLoop.add(Context.isOnEventLoopThread());
                }
                return super.check(template);
            }
        }, TemplateSyntax.class);
    }

    private static String automation(String name) {
        return """
                {"name": "%s", "trigger": {"posture": "Reactive", "expect": ["checked"]},
                 "actions": [{"type": "call-webhook", "block_document_id": "%s", "payload": "%s"}]}""".formatted(name, java.util.UUID.randomUUID(), TEMPLATE);
    }

    @Test
    void everyChangeChecksItsTemplatesOffTheEventLoop() {
        String id = given().contentType(ContentType.JSON).body(automation("threads"))
                .post("/api/automations/").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(automation("threads, replaced"))
                .put("/api/automations/" + id).then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"enabled\": false}")
                .patch("/api/automations/" + id).then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"enabled\": true}")
                .patch("/api/automations/" + id).then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"automation\": " + automation("threads, backtest")
                        + ", \"start\": \"2026-01-01T00:00:00Z\", \"until\": \"2026-01-01T01:00:00Z\", \"events\": []}")
                .post("/api/automations/backtest").then().statusCode(200);

        assertThat(onEventLoop).as("checks of the template, each: on an event loop?").hasSizeGreaterThanOrEqualTo(4)
                .containsOnly(false);
    }
}
