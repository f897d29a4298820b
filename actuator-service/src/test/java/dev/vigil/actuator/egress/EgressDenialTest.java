package dev.vigil.actuator.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.Executions;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.testsupport.kafka.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With the allow list empty, as in production: a literal loopback URL is a 422 at creation, and a name
 * that resolves to loopback ({@code localhost}) fails its action at the first attempt, not retried, with
 * {@code egress refused: ...} in the delivery log and the failed event; the target never sees a request,
 * so its answer (here, a stand-in for {@code /q/metrics}) can land nowhere.
 */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
@TestProfile(EgressDenialTest.NothingAllowed.class)
class EgressDenialTest {

    /** With the {@code %test} prefix, so it wins over application.properties' {@code %test} allow list. */
    public static class NothingAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.vigil.actuator.egress.allow", "");
        }
    }

    private static final String READ_BACK = "metric_secret_total 42";

    @Inject
    ActionExecutor executor;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aLiteralLoopbackUrlIs422() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"n-" + UUID.randomUUID() + "\", \"block_type_slug\": \"webhook\","
                        + " \"data\": {\"url\": \"http://127.0.0.1:" + Receiver.SERVER.port() + "/q/metrics\"}}")
                .post("/api/block_documents/")
                .then().statusCode(422)
                .body("exception_detail[0].loc", equalTo(List.of("body", "data", "url")))
                .body("exception_detail[0].msg", equalTo(
                        "URL points to a loopback address, which vigil.actuator.egress.allow does not allow"));
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedOnceAndNothingIsRead() {
        String path = "/q/metrics/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(any(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(READ_BACK)));
        UUID block = Blocks.webhook("http://localhost:" + Receiver.SERVER.port() + path);
        ActionMessage message = Messages.of(new CallWebhook(block, "{}"));
        try (TopicReader events = new TopicReader(bootstrap, "events")) {
            InVertx.await(() -> executor.execute(message));

            JsonPath execution = Executions.of(message);
            assertThat(execution.getString("status")).isEqualTo("failed");
            assertThat(execution.getList("attempts")).hasSize(1);
            assertThat(execution.getString("attempts[0].outcome")).isEqualTo("failed");
            assertThat(execution.getString("attempts[0].status_code")).isNull();
            assertThat(execution.getString("attempts[0].error"))
                    .startsWith("egress refused: localhost is a loopback address");
            assertThat(execution.getString("reason")).contains("egress refused: localhost is a loopback address");
            assertThat(execution.prettify()).doesNotContain(READ_BACK);
            JsonNode failed = events.awaitFirst(e -> "prefect.automation.action.failed".equals(e.path("event").asText())
                    && e.toString().contains(message.automation().id().toString()), Duration.ofSeconds(30));
            assertThat(failed.toString()).contains("egress refused").doesNotContain(READ_BACK);
        }
        assertThat(Receiver.SERVER.findAll(anyRequestedFor(urlEqualTo(path)))).isEmpty();
    }
}
