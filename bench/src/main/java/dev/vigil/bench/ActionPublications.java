package dev.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * When the evaluator published each action message, by idempotency key: the {@code actions} topic's record
 * timestamps (the producer's create time), read from the topic's end at start-up by a consumer of no group.
 * It splits ingest → target latency into the evaluator's part (up to the publication) and the actuator's.
 */
final class ActionPublications implements AutoCloseable {

    private static final String TOPIC = "actions";
    private static final Duration POLL = Duration.ofMillis(200);

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Long> publishedAtMillis = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;

    ActionPublications(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, before any action of this run
        poller = new Thread(this::poll, "action-publications");
        poller.setDaemon(true);
        poller.start();
    }

    /** Epoch millis at which the action with this idempotency key was published, or null if not seen. */
    Long publishedAt(String idempotencyKey) {
        return publishedAtMillis.get(idempotencyKey);
    }

    private void poll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    String key = idempotencyKey(record.value());
                    if (key != null) {
                        publishedAtMillis.putIfAbsent(key, record.timestamp());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    private String idempotencyKey(String value) {
        try {
            String key = json.readTree(value).path("idempotency_key").asText(null);
            return key == null || key.isEmpty() ? null : key;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        poller.join(POLL.toMillis() * 10);
    }
}
