package dev.vigil.actuator.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.VigilJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Reads what the actuator emits on the real {@code events} topic, from the moment it is opened. */
public final class EventsTopic implements AutoCloseable {

    private static final Duration ASSIGNMENT_WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> seen = new ArrayList<>();

    public EventsTopic(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("events"));
        long deadline = System.nanoTime() + ASSIGNMENT_WAIT.toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        // Resolve "latest" now: a position looked up lazily, after the test has published, would skip its records.
        consumer.assignment().forEach(partition -> consumer.position(partition, ASSIGNMENT_WAIT));
    }

    /** The first event matching, waiting for it up to {@code timeout}. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> {
            poll();
            return seen.stream().anyMatch(match);
        });
        return seen.stream().filter(match).findFirst().orElseThrow();
    }

    /** Every event matching that arrived so far (after polling for {@code settle}). */
    public List<JsonNode> all(Predicate<JsonNode> match, Duration settle) {
        long until = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < until) {
            poll();
        }
        return seen.stream().filter(match).toList();
    }

    private void poll() {
        consumer.poll(POLL).forEach(r -> {
            try {
                seen.add(VigilJson.mapper().readTree(r.value()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() {
        consumer.close();
    }
}
