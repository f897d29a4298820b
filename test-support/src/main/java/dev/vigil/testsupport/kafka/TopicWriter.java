package dev.vigil.testsupport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes JSON records to one real topic, each acknowledged before {@code send} returns. */
public final class TopicWriter implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, String> producer;

    public TopicWriter(String bootstrap, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    public RecordMetadata send(String key, String json) {
        return send(key, json, Map.of());
    }

    /** Publishes with headers (UTF-8 values), such as the workspace header every Vigil topic carries. */
    public RecordMetadata send(String key, String json, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + topic + " failed", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
