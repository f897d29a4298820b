package dev.vigil.testsupport.kafka;

import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/** One-off publishing, for a test that sends a record or two. */
public final class Records {

    private Records() {
    }

    public static RecordMetadata send(String bootstrap, String topic, String key, String json) {
        return send(bootstrap, topic, key, json, Map.of());
    }

    public static RecordMetadata send(String bootstrap, String topic, String key, String json,
                                      Map<String, String> headers) {
        try (TopicWriter writer = new TopicWriter(bootstrap, topic)) {
            return writer.send(key, json, headers);
        }
    }
}
