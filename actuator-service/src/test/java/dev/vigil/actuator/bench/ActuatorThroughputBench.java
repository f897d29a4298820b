package dev.vigil.actuator.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.Messages;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Actions per second through the whole actuator: N {@code call-webhook} messages published to the
 * real {@code actions} topic, each run by the consumer (Redis claim, delivery log in PostgreSQL,
 * triggered/executed events to Kafka) and delivered to a local HTTP target that takes 1 ms per request.
 * Prints throughput (first publish to last delivery), p50/p99 latency (publish to delivery) and the CPU time
 * this JVM spent per action, a figure that stays comparable when other work shares the machine.
 * <p>
 * Run (with the test Kafka, Redis and PostgreSQL of the brief's environment variables):
 * <pre>
 * VIGIL_KAFKA_BOOTSTRAP=… VIGIL_REDIS_URL=… VIGIL_DB_URL=… VIGIL_DB_JDBC_URL=… \
 *   mvn -B test -pl actuator-service -am -Dtest=ActuatorThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dvigil.bench=true [-Dvigil.bench.actions=2000] [-Dvigil.bench.warmup=2000]
 * </pre>
 * Skipped unless {@code -Dvigil.bench=true}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
class ActuatorThroughputBench {

    private static final int DEFAULT_ACTIONS = 2000;
    private static final int DEFAULT_WARMUP = 2000;
    private static final long TARGET_DELAY_MS = 1;
    private static final int TARGET_THREADS = 64;
    private static final long MAX_WAIT_MINUTES = 10;
    private static final Pattern INDEX = Pattern.compile("\"i\"\\s*:\\s*(\\d+)");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void actionsPerSecondAgainstA1msTarget() throws Exception {
        int warmup = Integer.getInteger("vigil.bench.warmup", DEFAULT_WARMUP);
        int n = Integer.getInteger("vigil.bench.actions", DEFAULT_ACTIONS);
        AtomicLongArray receivedAt = new AtomicLongArray(warmup + n);
        CountDownLatch[] received = {new CountDownLatch(warmup), new CountDownLatch(n)};
        ExecutorService pool = Executors.newFixedThreadPool(TARGET_THREADS);
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setExecutor(pool);
        target.createContext("/target", exchange -> {
            String body = read(exchange.getRequestBody());
            sleep(TARGET_DELAY_MS);
            Matcher m = INDEX.matcher(body);
            if (m.find()) {
                int i = Integer.parseInt(m.group(1));
                if (receivedAt.compareAndSet(i, 0, System.nanoTime())) {
                    received[i < warmup ? 0 : 1].countDown();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        try (KafkaProducer<String, String> producer = producer()) {
            UUID block = Blocks.webhook("http://127.0.0.1:" + target.getAddress().getPort() + "/target");
            // A fresh JVM spends most of its first seconds compiling; the warm-up round pays for that.
            publish(producer, block, 0, warmup, new long[warmup]);
            received[0].await(MAX_WAIT_MINUTES, TimeUnit.MINUTES);

            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long[] sentAt = new long[n];
            long start = publish(producer, block, warmup, n, sentAt);
            boolean all = received[1].await(MAX_WAIT_MINUTES, TimeUnit.MINUTES);
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            long last = 0;
            long[] latencies = new long[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                long at = receivedAt.get(warmup + i);
                if (at != 0) {
                    last = Math.max(last, at);
                    latencies[count++] = at - sentAt[i];
                }
            }
            long[] done = Arrays.copyOf(latencies, count);
            Arrays.sort(done);
            double seconds = (last - start) / 1e9;
            System.out.printf("%n=== Actuator throughput: %d/%d actions delivered%s in %.2f s = %.0f actions/s "
                            + "(after %d warm-up actions); latency p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                            + "(target delay %d ms); this JVM used %.1f CPU s = %.2f CPU ms per action "
                            + "(target and producer included) ===%n%n",
                    count, n, all ? "" : " (TIMED OUT)", seconds, count / seconds, warmup, percentile(done, 0.50),
                    percentile(done, 0.99), percentile(done, 1.0), TARGET_DELAY_MS, cpuSeconds,
                    cpuSeconds * 1000 / Math.max(1, count));
        } finally {
            target.stop(0);
            pool.shutdownNow();
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Publishes actions {@code first .. first+count-1} as fast as it can; answers when it started. */
    private static long publish(KafkaProducer<String, String> producer, UUID block, int first, int count,
                                long[] sentAt) throws Exception {
        List<ActionMessage> messages = new ArrayList<>(count);
        List<String> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ActionMessage message = Messages.of(new CallWebhook(block, "{\"i\": " + (first + i) + "}"));
            messages.add(message);
            payloads.add(VigilJson.mapper().writeValueAsString(message));
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            sentAt[i] = System.nanoTime();
            producer.send(new ProducerRecord<>("actions", messages.get(i).automation().id().toString(),
                    payloads.get(i)));
        }
        producer.flush();
        return start;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[index] / 1e6;
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
