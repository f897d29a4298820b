package dev.vigil.actuator.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.causal.CausalChain;
import dev.vigil.model.causal.CausalSignature;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import dev.vigil.testsupport.kafka.ConsumerOffsets;
import dev.vigil.testsupport.kafka.Records;
import dev.vigil.testsupport.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Action messages on the real {@code actions} topic call a real HTTP receiver, once each. */
@QuarkusTest
class CallWebhookActionTest {

    private static final String ACTUATOR_GROUP = "actuator";
    private static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "vigil.loop-guard.secret")
    String loopGuardSecret;

    @BeforeAll
    static void startReceiver() {
        RECEIVER.start();
        RECEIVER.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(202)));
        RECEIVER.stubFor(post(urlEqualTo("/broken")).willReturn(aResponse().withStatus(500).withBody("boom")));
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    private static String block(String path) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\": \"hook-%s\", \"block_type_slug\": \"webhook\", \"data\": {\"url\": \"%s%s\"}}"
                        .formatted(UUID.randomUUID(), RECEIVER.baseUrl(), path))
                .post("/api/block_documents/").then().statusCode(201).extract().path("id");
    }

    private static ActionMessage message(String blockId, String payload) {
        return message(blockId, payload, List.of());
    }

    private static ActionMessage message(String blockId, String payload, List<String> chain) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ReceivedEvent event = new ReceivedEvent(now, "external.resource.pinged",
                CausalChain.label(Resource.of("my.resource.1"), chain), List.of(), Map.of(), UUID.randomUUID(), null,
                now);
        EventTrigger trigger = new EventTrigger(null, null, null, null, List.of("external.resource.pinged"), null,
                Posture.Reactive, 1, Duration.ZERO);
        Automation automation = new Automation(UUID.randomUUID(), now, now, "hooked", null, true, null, trigger,
                List.of(new CallWebhook(UUID.fromString(blockId), payload)), null, null);
        Firing firing = new Firing(UUID.randomUUID(), trigger.id(), FiringState.Triggered, now, Map.of(), List.of(),
                event);
        return new ActionMessage(ActionMessage.idempotencyKey(firing.id(), 0), Workspaces.DEFAULT, automation,
                firing, 0, automation.actions().get(0), event, Map.of(), List.of(firing), List.of(event),
                UUID.randomUUID());
    }

    private RecordMetadata send(ActionMessage message) throws Exception {
        return Records.send(bootstrap, "actions", message.automation().id().toString(),
                VigilJson.mapper().writeValueAsString(message));
    }

    @Test
    void rendersThePayloadAndCallsTheWebhookOnceEvenWhenRedelivered() throws Exception {
        ActionMessage message = message(block("/ok"), "{\"id\": \"{{ event.resource.id }}\"}");
        send(message);
        RecordMetadata redelivered = send(message);
        var sent = postRequestedFor(urlEqualTo("/ok"))
                .withHeader("Idempotency-Key", equalTo(message.idempotencyKey()))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"id\": \"my.resource.1\"}"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> RECEIVER.verify(1, sent));
        // Barrier, not a pause: offsets are committed only once a message is handled, so past this point the
        // redelivered copy has had its chance to call the receiver a second time.
        try (ConsumerOffsets actuator = new ConsumerOffsets(bootstrap, ACTUATOR_GROUP)) {
            actuator.awaitPast(redelivered, Duration.ofSeconds(30));
        }
        RECEIVER.verify(1, sent);
    }

    @Test
    void theCallCarriesTheFiringsSignedCausalChainAndSoDoTheActionEvents() throws Exception {
        String upstream = UUID.randomUUID().toString();
        try (TopicReader events = new TopicReader(bootstrap, "events")) {
            ActionMessage message = message(block("/broken"), "ping", List.of(upstream));
            String chain = upstream + "," + message.automation().id();
            send(message);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> RECEIVER.verify(
                    postRequestedFor(urlEqualTo("/broken")).withHeader("Idempotency-Key",
                            equalTo(message.idempotencyKey())).withHeader(CausalSignature.CHAIN_HEADER, equalTo(chain))));
            var request = RECEIVER.findAll(postRequestedFor(urlEqualTo("/broken"))
                    .withHeader("Idempotency-Key", equalTo(message.idempotencyKey()))).get(0);
            CausalSignature verifier = new CausalSignature(loopGuardSecret, Duration.ofMinutes(10));
            assertThat(verifier.verify(Workspaces.DEFAULT, request.getHeader(CausalSignature.CHAIN_HEADER),
                    request.getHeader(CausalSignature.SIGNATURE_HEADER), java.time.Instant.now()))
                    .contains(List.of(upstream, message.automation().id().toString()));
            assertThat(verifier.verify(UUID.randomUUID(), request.getHeader(CausalSignature.CHAIN_HEADER),
                    request.getHeader(CausalSignature.SIGNATURE_HEADER), java.time.Instant.now())).isEmpty();

            JsonNode failed = events.awaitFirst(e -> isFailureOf(e, message), Duration.ofSeconds(20));
            assertThat(failed.path("resource").path(CausalChain.LABEL).asText()).isEqualTo(chain);
        }
    }

    @Test
    void aFailingTargetEmitsAnActionFailedEvent() throws Exception {
        try (TopicReader events = new TopicReader(bootstrap, "events")) {
            ActionMessage message = message(block("/broken"), "ping");
            send(message);
            JsonNode failed = events.awaitFirst(e -> isFailureOf(e, message), Duration.ofSeconds(20));
            assertThat(failed.path("payload").path("reason").asText()).contains("500");
            assertThat(failed.path("payload").path("status_code").asInt()).isEqualTo(500);
            assertThat(failed.path("resource").path("prefect.resource.id").asText())
                    .isEqualTo("prefect.automation." + message.automation().id());
        }
    }

    private static boolean isFailureOf(JsonNode event, ActionMessage message) {
        return "prefect.automation.action.failed".equals(event.path("event").asText())
                && message.idempotencyKey().equals(event.path("payload").path("invocation").asText());
    }
}
