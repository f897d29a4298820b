package dev.vigil.actuator.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.testsupport.kafka.TopicReader;
import dev.vigil.testsupport.kafka.TopicWriter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The consumer parses each record itself: one it cannot read goes to the dead-letter topic, and the next runs. */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class UnreadableActionMessageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anUnreadableRecordIsDeadLetteredAndTheNextActionRuns() throws Exception {
        String path = "/after-garbage/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        ActionMessage valid = Messages.of(new CallWebhook(Blocks.webhook(Receiver.url(path)), "{}"));
        String garbage = "{\"idempotency_key\": \"" + UUID.randomUUID() + "\", not json";
        String key = valid.automation().id().toString();

        try (TopicReader dlq = new TopicReader(bootstrap, "actions-dlq")) {
            try (TopicWriter actions = new TopicWriter(bootstrap, "actions")) {
                actions.send(key, garbage);
                actions.send(key, VigilJson.mapper().writeValueAsString(valid));
            }
            await().atMost(WAIT).until(() -> !Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
            dlq.awaitText(garbage::equals, WAIT);
        }
        assertThat(Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
    }
}
