package dev.vigil.evaluator.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A test's view of a real Kafka topic: reads what is published from now on, and can publish. */
public final class EventsTopic implements AutoCloseable {

    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrap;
    private final String topic;
    private final KafkaConsumer<String, String> consumer;

    public EventsTopic(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + ASSIGNMENT_TIMEOUT.toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        // Resolve "latest" now: a position looked up lazily, after the test has published, would skip its records.
        consumer.assignment().forEach(partition -> consumer.position(partition, ASSIGNMENT_TIMEOUT));
    }

    public void send(String key, String json) throws Exception {
        send(new ProducerRecord<>(topic, key, json));
    }

    /** Publishes in a workspace, named in the header every Vigil topic carries it in. */
    public void send(String key, String json, UUID workspace) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        record.headers().add(Topics.WORKSPACE_HEADER, workspace.toString().getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    private void send(ProducerRecord<String, String> record) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        }
    }

    /** Messages matching {@code wanted}, in arrival order, until {@code count} arrived or the timeout passed. */
    public List<JsonNode> await(Predicate<JsonNode> wanted, int count, Duration timeout) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                JsonNode node = VigilJson.mapper().readTree(record.value());
                if (wanted.test(node)) {
                    found.add(node);
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
