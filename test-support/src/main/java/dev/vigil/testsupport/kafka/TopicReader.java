package dev.vigil.testsupport.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * A test's view of a real Kafka topic: the JSON records published from the moment it is opened, in the order
 * they were read. A cursor moves past what {@link #await(Predicate, int, Duration)} and {@link #readToEnd}
 * answered, so a later call sees only what came after; {@link #seen} answers everything since opening.
 * A record that is not JSON matches no JSON predicate (it reads as a missing node); {@link #awaitText} sees it.
 * {@link #awaitReceived} answers a record with its headers.
 */
public final class TopicReader implements AutoCloseable {

    /** A record as read: its JSON value and its headers (the last value of each name, as UTF-8). */
    public record Received(JsonNode value, Map<String, String> headers) {

        /** The header's value; null when the record has none of that name. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<String> texts = new ArrayList<>();
    private final List<JsonNode> history = new ArrayList<>();
    private final List<Map<String, String>> headers = new ArrayList<>();
    private int cursor;

    public TopicReader(String bootstrap, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        Awaitility.await("partitions of " + topic + " assigned").atMost(ASSIGNMENT_TIMEOUT)
                .pollInterval(Duration.ZERO).until(() -> {
                    consumer.poll(Duration.ofMillis(100)).forEach(this::add);
                    return !consumer.assignment().isEmpty();
                });
        // Resolve "latest" now: a position looked up lazily, after the test has published, would skip its records.
        consumer.assignment().forEach(partition -> consumer.position(partition, ASSIGNMENT_TIMEOUT));
    }

    /** The first record matching after the cursor, waiting up to {@code timeout} (failing past it). */
    public JsonNode awaitFirst(Predicate<JsonNode> match, Duration timeout) {
        return await(match, 1, timeout).stream().findFirst().orElseThrow(() -> new AssertionError(
                "no matching record on " + topic + " within " + timeout));
    }

    /**
     * The first {@code count} records matching after the cursor, in arrival order, or fewer if the timeout
     * passed first; the cursor moves past the last one answered (past everything read when fewer).
     */
    public List<JsonNode> await(Predicate<JsonNode> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> found = new ArrayList<>();
        int scanned = cursor;
        while (true) {
            for (; scanned < history.size() && found.size() < count; scanned++) {
                if (match.test(history.get(scanned))) {
                    found.add(history.get(scanned));
                }
            }
            if (found.size() >= count || System.nanoTime() >= deadline) {
                cursor = scanned;
                return found;
            }
            poll();
        }
    }

    /**
     * The first record matching since the reader was opened, with its headers, waiting up to {@code timeout}
     * (failing past it). The cursor stays: records of other partitions may arrive in any order around it.
     */
    public Received awaitReceived(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = 0;
        while (true) {
            for (; scanned < history.size(); scanned++) {
                if (match.test(history.get(scanned))) {
                    return new Received(history.get(scanned), headers.get(scanned));
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("no matching record on " + topic + " within " + timeout);
            }
            poll();
        }
    }

    /**
     * Reads everything published up to now (the end offsets looked up at this call) and answers the records
     * matching after the cursor, moving it to the end. After a barrier, "nothing more happened" is this list
     * being empty: a late duplicate published before the barrier is in it.
     */
    public List<JsonNode> readToEnd(Predicate<JsonNode> match) {
        catchUp();
        List<JsonNode> found = history.subList(cursor, history.size()).stream().filter(match).toList();
        cursor = history.size();
        return found;
    }

    /** Every record matching since the reader was opened, up to everything published now. */
    public List<JsonNode> seen(Predicate<JsonNode> match) {
        catchUp();
        return history.stream().filter(match).toList();
    }

    private void catchUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), ASSIGNMENT_TIMEOUT);
        Awaitility.await("reading " + topic + " up to " + ends).atMost(ASSIGNMENT_TIMEOUT)
                .pollInterval(Duration.ZERO).until(() -> {
                    boolean there = ends.entrySet().stream()
                            .allMatch(end -> consumer.position(end.getKey(), ASSIGNMENT_TIMEOUT) >= end.getValue());
                    if (!there) {
                        poll();
                    }
                    return there;
                });
    }

    /** The first record, as text, matching since the reader was opened, waiting up to {@code timeout}. */
    public String awaitText(Predicate<String> match, Duration timeout) {
        Awaitility.await("a matching record on " + topic).atMost(timeout).pollInterval(Duration.ZERO).until(() -> {
            if (texts.stream().noneMatch(match)) {
                poll();
            }
            return texts.stream().anyMatch(match);
        });
        return texts.stream().filter(match).findFirst().orElseThrow();
    }

    private void poll() {
        consumer.poll(POLL).forEach(this::add);
    }

    private void add(ConsumerRecord<String, String> record) {
        texts.add(record.value());
        history.add(parse(record.value()));
        Map<String, String> named = new HashMap<>();
        for (Header header : record.headers()) {
            named.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        headers.add(named);
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode json = text == null ? null : JSON.readTree(text);
            return json == null ? MissingNode.getInstance() : json;
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
