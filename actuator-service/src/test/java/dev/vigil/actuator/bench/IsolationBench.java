package dev.vigil.actuator.bench;

import static io.restassured.RestAssured.given;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.actuator.support.Messages;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.model.messaging.Workspaces;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
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
 * W6, isolation, at the actuator: workspace A has {@code vigil.bench.dead} (5,000) {@code call-webhook} actions
 * queued for a dead target (connection refused); workspace B publishes {@code vigil.bench.rate} actions a second for
 * {@code vigil.bench.seconds}, 1 % of them to a slow target (500 ms, 5 % answered 429 with {@code Retry-After: 1}) and
 * the rest to a 1 ms target. B runs once alone (baseline), then again right after A's backlog is published. Prints,
 * per phase, B's publish → delivery latency p50/p99 at the fast target and its throughput, then A's dead letters
 * (executions failed after their last attempt) once A's retry schedule is over, and whether each has exactly its
 * attempts. The retry schedule is shortened (8 attempts, 200 ms to 2 s backoff: about 9 s); the circuit breaker is
 * on and claims last 20 s, as in production.
 * <p>
 * Run (with the brief's test environment):
 * <pre>
 * VIGIL_TEST_DB=… VIGIL_TEST_REDIS_PORT=… VIGIL_TEST_KAFKA_PORT=… bin/test -o -pl actuator-service -am \
 *   -Dtest=IsolationBench -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dvigil.bench=true \
 *   [-Dvigil.bench.dead=5000] [-Dvigil.bench.rate=200] [-Dvigil.bench.seconds=15]
 * </pre>
 * Skipped unless {@code -Dvigil.bench=true}.
 */
@QuarkusTest
@TestProfile(IsolationBench.ProductionLike.class)
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
class IsolationBench {

    public static class ProductionLike implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vigil.actuator.targets.circuit.enabled", "true",
                    "vigil.actuator.retry.types.\"call-webhook\".max-attempts", "8",
                    "vigil.actuator.retry.default.initial-backoff", "200ms",
                    "vigil.actuator.retry.default.max-backoff", "2s",
                    "vigil.actuator.retry.poll.interval", "100ms",
                    // Production's claims and lease, not the test profile's 3 s claims
                    "vigil.actuator.claim-ttl", "20s",
                    "vigil.actuator.claim-renew-interval", "2s",
                    "vigil.actuator.retry.poll.lease", "40s");
        }
    }

    private static final String ACCOUNT = "00000000-0000-0000-0000-000000000000";
    private static final Pattern INDEX = Pattern.compile("\"i\"\\s*:\\s*(\\d+)");
    private static final int TARGET_THREADS = 64;
    private static final long SLOW_MS = 500;
    private static final double SLOW_SHARE = 0.01;
    private static final double SLOW_ERRORS = 0.05;
    private static final int ATTEMPTS = 8;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Test
    void aDeadTargetsBacklogAndASlowTargetDoNotDelayAHealthyWorkspace() throws Exception {
        int dead = Integer.getInteger("vigil.bench.dead", 5000);
        int rate = Integer.getInteger("vigil.bench.rate", 200);
        int seconds = Integer.getInteger("vigil.bench.seconds", 15);
        int perPhase = rate * seconds;
        AtomicLongArray receivedAt = new AtomicLongArray(3 * perPhase);
        AtomicInteger slowCalls = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(TARGET_THREADS);
        HttpServer targets = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        targets.setExecutor(threads);
        targets.createContext("/fast", exchange -> {
            Matcher m = INDEX.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            sleep(1);
            if (m.find()) {
                receivedAt.compareAndSet(Integer.parseInt(m.group(1)), 0, System.nanoTime());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        targets.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            slowCalls.incrementAndGet();
            sleep(SLOW_MS);
            if (ThreadLocalRandom.current().nextDouble() < SLOW_ERRORS) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(429, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        targets.start();
        int deadPort;
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            deadPort = closed.getLocalPort();
        }
        UUID workspaceA = UUID.randomUUID();
        String base = "http://127.0.0.1:" + targets.getAddress().getPort();
        UUID deadBlock = webhook(workspaceA, "http://127.0.0.1:" + deadPort + "/gone");
        UUID fastBlock = webhook(Workspaces.DEFAULT, base + "/fast");
        UUID slowBlock = webhook(Workspaces.DEFAULT, base + "/slow");
        try (KafkaProducer<String, String> producer = producer()) {
            long[] sentAt = new long[3 * perPhase];
            // Warm-up (a fresh JVM compiles for its first seconds), then B alone, then B behind A's backlog.
            runB(producer, fastBlock, slowBlock, 0, perPhase, rate, sentAt);
            awaitDelivered(receivedAt, sentAt, 0, perPhase);
            long aloneStart = runB(producer, fastBlock, slowBlock, perPhase, perPhase, rate, sentAt);
            awaitDelivered(receivedAt, sentAt, perPhase, perPhase);
            report("B alone", receivedAt, sentAt, perPhase, perPhase, aloneStart);

            long deadStart = System.nanoTime();
            for (int i = 0; i < dead; i++) {
                ActionMessage message = Messages.in(workspaceA, new CallWebhook(deadBlock, "{\"dead\": " + i + "}"));
                producer.send(new ProducerRecord<>("actions", message.automation().id().toString(),
                        VigilJson.mapper().writeValueAsString(message)));
            }
            producer.flush();
            long behindStart = runB(producer, fastBlock, slowBlock, 2 * perPhase, perPhase, rate, sentAt);
            awaitDelivered(receivedAt, sentAt, 2 * perPhase, perPhase);
            report("B behind A's " + dead + " dead-target actions", receivedAt, sentAt, 2 * perPhase, perPhase,
                    behindStart);

            long deadLetters = awaitDeadLetters(workspaceA, dead);
            Row check = pool.preparedQuery("SELECT count(*) AS executions, count(*) FILTER (WHERE attempts = $2) "
                            + "AS exact, min(updated) AS first, max(updated) AS last "
                            + "FROM actuator.action_executions WHERE workspace_id = $1")
                    .execute(Tuple.of(workspaceA, ATTEMPTS)).await().indefinitely().iterator().next();
            System.out.printf("%n=== W6 dead target: %d/%d actions dead-lettered (%d executions, %d with exactly %d "
                            + "attempts), the last %.1f s after A's backlog was published; slow target took %d calls "
                            + "===%n%n", deadLetters, dead, check.getLong("executions"), check.getLong("exact"),
                    ATTEMPTS, (System.nanoTime() - deadStart) / 1e9, slowCalls.get());
            pool.preparedQuery("DELETE FROM actuator.action_executions WHERE workspace_id = $1")
                    .execute(Tuple.of(workspaceA)).await().indefinitely();
        } finally {
            targets.stop(0);
            threads.shutdownNow();
        }
    }

    /** Publishes B's actions {@code first ..} at {@code rate} a second; answers when it started. */
    private static long runB(KafkaProducer<String, String> producer, UUID fast, UUID slow, int first, int count,
                             int rate, long[] sentAt) throws Exception {
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            boolean toSlow = ThreadLocalRandom.current().nextDouble() < SLOW_SHARE;
            ActionMessage message = Messages.of(new CallWebhook(toSlow ? slow : fast,
                    toSlow ? "{\"slow\": true}" : "{\"i\": " + (first + i) + "}"));
            sentAt[first + i] = toSlow ? -1 : System.nanoTime();
            producer.send(new ProducerRecord<>("actions", message.automation().id().toString(),
                    VigilJson.mapper().writeValueAsString(message)));
        }
        producer.flush();
        return start;
    }

    private static void awaitDelivered(AtomicLongArray receivedAt, long[] sentAt, int first, int count)
            throws InterruptedException {
        long giveUp = System.nanoTime() + 300_000_000_000L;
        for (int i = first; i < first + count; i++) {
            while (sentAt[i] > 0 && receivedAt.get(i) == 0 && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
        }
    }

    private static void report(String phase, AtomicLongArray receivedAt, long[] sentAt, int first, int count,
                               long start) {
        long[] latencies = new long[count];
        int n = 0;
        int expected = 0;
        long last = start;
        for (int i = first; i < first + count; i++) {
            if (sentAt[i] > 0) {
                expected++;
                long at = receivedAt.get(i);
                if (at != 0) {
                    latencies[n++] = at - sentAt[i];
                    last = Math.max(last, at);
                }
            }
        }
        long[] done = Arrays.copyOf(latencies, n);
        Arrays.sort(done);
        double seconds = (last - start) / 1e9;
        System.out.printf("%n=== W6 %s: %d/%d fast-target actions delivered in %.2f s = %.0f actions/s; publish -> "
                        + "delivery p50 %.1f ms, p99 %.1f ms, max %.1f ms ===%n%n", phase, n, expected, seconds,
                n / seconds, percentile(done, 0.50), percentile(done, 0.99), percentile(done, 1.0));
    }

    private long awaitDeadLetters(UUID workspace, int expected) throws InterruptedException {
        long giveUp = System.nanoTime() + 600_000_000_000L;
        long failed = 0;
        while (System.nanoTime() < giveUp) {
            failed = pool.preparedQuery("SELECT count(*) FROM actuator.action_executions WHERE workspace_id = $1 "
                            + "AND status = 'failed'").execute(Tuple.of(workspace)).await().indefinitely()
                    .iterator().next().getLong(0);
            if (failed >= expected) {
                break;
            }
            Thread.sleep(500);
        }
        return failed;
    }

    private static UUID webhook(UUID workspace, String url) {
        String prefix = Workspaces.DEFAULT.equals(workspace) ? "/api"
                : "/api/accounts/" + ACCOUNT + "/workspaces/" + workspace;
        String id = given().contentType(ContentType.JSON)
                .body("{\"name\": \"w6-%s\", \"block_type_slug\": \"webhook\", \"data\": {\"url\": \"%s\"}}"
                        .formatted(UUID.randomUUID(), url))
                .post(prefix + "/block_documents/").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[index] / 1e6;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
