package dev.vigil.actuator.template;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.actuator.support.Messages;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.template.JinjaEnvironment;
import dev.vigil.testsupport.HostileTemplates;
import dev.vigil.testsupport.kafka.Records;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile action templates on the real {@code actions} topic: each action fails once, not retried, with
 * the template's reason in the delivery log, and the actuator delivers the next normal action.
 */
@QuarkusTest
class TemplateBoundsActionTest {

    private static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static final Duration DELIVERED = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void startReceiver() {
        RECEIVER.start();
        RECEIVER.stubFor(post(urlEqualTo("/bounded")).willReturn(aResponse().withStatus(202)));
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    private static String block() {
        return given().contentType(ContentType.JSON)
                .body("{\"name\": \"bounded-%s\", \"block_type_slug\": \"webhook\", \"data\": {\"url\": \"%s/bounded\"}}"
                        .formatted(UUID.randomUUID(), RECEIVER.baseUrl()))
                .post("/api/block_documents/").then().statusCode(201).extract().path("id");
    }

    private static ActionMessage message(String blockId, String payload, String eventName) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ReceivedEvent event = new ReceivedEvent(now, eventName, Resource.of("my.resource.1"), List.of(), Map.of(),
                UUID.randomUUID(), null, now);
        return Messages.of(new CallWebhook(UUID.fromString(blockId), payload), event, Map.of());
    }

    private void send(ActionMessage message) throws Exception {
        Records.send(bootstrap, "actions", message.automation().id().toString(),
                VigilJson.mapper().writeValueAsString(message));
    }

    private static JsonPath finished(ActionMessage message) {
        return await().atMost(DELIVERED).until(() -> {
            JsonPath page = given().queryParam("automation_id", message.automation().id().toString())
                    .get("/api/actions/executions").then().statusCode(200).extract().jsonPath();
            List<Object> all = page.getList("$");
            if (all.size() != 1 || List.of("pending", "running").contains(page.getString("[0].status"))) {
                return null;
            }
            return new JsonPath(page.prettify()).setRootPath("[0]");
        }, java.util.Objects::nonNull);
    }

    @Test
    void eachHostileTemplateFailsItsActionOnceAndTheNextActionIsDelivered() throws Exception {
        String block = block();
        for (String hostile : HostileTemplates.ALL) {
            ActionMessage message = message(block, hostile, "external.resource.pinged");
            send(message);
            JsonPath execution = finished(message);
            assertThat(execution.getString("status")).as(hostile).isEqualTo("failed");
            assertThat(execution.getString("reason")).as(hostile).startsWith("Template rendering failed");
            assertThat(execution.getList("attempts")).as("not retried: " + hostile).hasSizeLessThanOrEqualTo(1);
        }
        ActionMessage normal = message(block, "{\"id\": \"{{ event.resource.id }}\"}", "external.resource.pinged");
        send(normal);
        assertThat(finished(normal).getString("status")).isEqualTo("succeeded");
    }

    @Test
    void aTimeBombPassesValidationFailsItsEventOnlyAndTheNextEventIsDelivered() throws Exception {
        String bomb = HostileTemplates.timeBomb("event.event", "boom", "{\"event\": \"{{ event.event }}\"}");
        assertThat(new JinjaEnvironment().validate(bomb)).as("passes save-time validation").isEmpty();
        String block = block();
        ActionMessage boom = message(block, bomb, "boom");
        send(boom);
        JsonPath failed = finished(boom);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("reason")).contains("width 1000000000 is over the limit");
        ActionMessage fine = message(block, bomb, "fine");
        send(fine);
        assertThat(finished(fine).getString("status")).isEqualTo("succeeded");
        // At least once: on a loaded box a slow answer may be retried, with the same Idempotency-Key.
        await().atMost(DELIVERED).untilAsserted(() -> RECEIVER.verify(moreThanOrExactly(1),
                postRequestedFor(urlEqualTo("/bounded")).withHeader("Idempotency-Key", equalTo(fine.idempotencyKey()))));
        RECEIVER.verify(0, postRequestedFor(urlEqualTo("/bounded"))
                .withHeader("Idempotency-Key", equalTo(boom.idempotencyKey())));
    }
}
