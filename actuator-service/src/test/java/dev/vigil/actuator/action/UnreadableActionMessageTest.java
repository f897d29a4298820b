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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props(), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("actions", key, garbage)).get();
            producer.send(new ProducerRecord<>("actions", key, VigilJson.mapper().writeValueAsString(valid))).get();
        }

        await().atMost(WAIT).until(() -> !Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(dlqProps(), new StringDeserializer(),
                new StringDeserializer())) {
            dlq.subscribe(List.of("actions-dlq"));
            List<String> dead = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(r -> dead.add(r.value()));
                return dead.contains(garbage);
            });
        }
        assertThat(Receiver.SERVER.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
    }

    private Properties props() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        return props;
    }

    private Properties dlqProps() {
        Properties props = props();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}
