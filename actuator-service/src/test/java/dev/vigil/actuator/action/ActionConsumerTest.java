package dev.vigil.actuator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.Messages;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.testsupport.kafka.ConsumerOffsets;
import dev.vigil.testsupport.kafka.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The {@code actions} consumer runs actions concurrently, never more than its bound at once, and
 * commits an offset only after every action up to it is over.
 */
@QuarkusTest
@TestProfile(ActionConsumerTest.SmallBound.class)
class ActionConsumerTest {

    /** A bound smaller than the per-target one, and calls that outlast the test's hold without timing out. */
    public static class SmallBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.actuator.max-concurrent-actions", "8", "vigil.actuator.webhook-timeout", "60s");
        }
    }

    private static final String GROUP = "actuator";
    private static final Pattern INDEX = Pattern.compile("\"i\"\\s*:\\s*(\\d+)");
    private static final int TARGET_THREADS = 32;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "vigil.actuator.max-concurrent-actions")
    int bound;

    @Test
    void runsUpToItsBoundOfActionsAtOnceAndCommitsOnlyFinishedOnes() throws Exception {
        int count = bound + bound / 2;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Set<Integer> delivered = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(TARGET_THREADS);
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setExecutor(threads);
        target.createContext("/held", exchange -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Matcher index = INDEX.matcher(new String(exchange.getRequestBody().readAllBytes()));
                if (index.find()) {
                    delivered.add(Integer.parseInt(index.group(1)));
                }
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        try (ConsumerOffsets actuator = new ConsumerOffsets(bootstrap, GROUP)) {
            UUID block = Blocks.webhook("http://127.0.0.1:" + target.getAddress().getPort() + "/held");
            Map<TopicPartition, long[]> sent = send(block, count);

            // No pause to see whether more start: every call is counted in maxInFlight until all are delivered,
            // so one past the bound, however late, fails the check after the release.
            await().atMost(Duration.ofSeconds(30)).until(() -> inFlight.get() == bound);
            Map<TopicPartition, OffsetAndMetadata> whileHeld = actuator.committed();
            sent.forEach((partition, range) -> assertThat(offset(whileHeld, partition))
                    .as("committed offset of %s while its actions run", partition)
                    .isLessThanOrEqualTo(range[0]));

            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == count);
            assertThat(maxInFlight.get()).isEqualTo(bound);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> after = actuator.committed();
                sent.forEach((partition, range) -> assertThat(offset(after, partition))
                        .as("committed offset of %s once its actions are over", partition)
                        .isGreaterThan(range[1]));
            });
        } finally {
            release.countDown();
            target.stop(0);
            threads.shutdownNow();
        }
    }

    /** Publishes {@code count} call-webhook actions; answers each partition's lowest and highest offset. */
    private Map<TopicPartition, long[]> send(UUID block, int count) throws Exception {
        Map<TopicPartition, long[]> offsets = new HashMap<>();
        try (TopicWriter actions = new TopicWriter(bootstrap, "actions")) {
            for (int i = 0; i < count; i++) {
                ActionMessage message = Messages.of(new CallWebhook(block, "{\"i\": " + i + "}"));
                RecordMetadata at = actions.send(message.automation().id().toString(),
                        VigilJson.mapper().writeValueAsString(message));
                offsets.merge(new TopicPartition(at.topic(), at.partition()), new long[] {at.offset(), at.offset()},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        return offsets;
    }

    private static long offset(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition partition) {
        OffsetAndMetadata at = committed.get(partition);
        return at == null ? 0 : at.offset();
    }
}
