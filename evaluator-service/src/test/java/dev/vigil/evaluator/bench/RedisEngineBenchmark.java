package dev.vigil.evaluator.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.vigil.evaluator.event.EventEvaluationService;
import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.trigger.TriggerIndex;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Workload W0 through live evaluation's code and the real Redis (the {@code %test} profile's, i.e.
 * {@code VIGIL_REDIS_URL}), without Kafka: batches of events as the consumer polls them, each
 * loaded with one {@code MGET} and committed with one script call, one batch after another as a
 * consumer does. Prints events/s, the CPU time per event of the evaluator's JVM and of Redis (which a
 * shared box disturbs less than the wall clock), and the Redis commands per event (from
 * {@code INFO commandstats}, counting the commands the script runs), and the round trips per batch (the
 * {@code MGET}s and script calls; other commands go pipelined with them). Each run uses a fresh workspace;
 * its keys expire with their TTLs (30 min). {@code -Dvigil.bench.redis.path=live} runs the whole live
 * path instead of evaluating and committing: the commit also marks the events evaluated for causal
 * ordering, the firings are published to Kafka (the test profile's), and their outbox entries removed
 * with the next batch's read. Not a test; run it with
 * <pre>mvn -B test -pl evaluator-service -am -Dtest=RedisEngineBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dvigil.bench=true [-Dvigil.bench.redis.events=200000] [-Dvigil.bench.automations=1000] [-Dvigil.bench.batch=500] \
 *   [-Dvigil.bench.redis.path=commit|live]</pre>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
class RedisEngineBenchmark {

    private static final int WARMUP_EVENTS = 20_000;
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** The commands that are a round trip of their own; everything else is pipelined with them or run by scripts. */
    private static final Set<String> ROUND_TRIPS = Set.of("mget", "evalsha", "eval");

    @Inject
    EventEvaluationService evaluation;

    @Inject
    RedisDataSource redis;

    @Test
    void w0OnRedis() {
        int events = Integer.getInteger("vigil.bench.redis.events", 200_000);
        int batch = Integer.getInteger("vigil.bench.batch", 500);
        W0Workload.Mix mix = W0Workload.Mix.valueOf(System.getProperty("vigil.bench.mix", "anchor").toUpperCase());
        boolean live = "live".equals(System.getProperty("vigil.bench.redis.path", "commit"));
        for (String count : System.getProperty("vigil.bench.automations", "1000").split(",")) {
            run(new W0Workload(Integer.parseInt(count.trim()), mix, UUID.randomUUID()), events, batch, live);
        }
    }

    private void run(W0Workload workload, int eventCount, int batchSize, boolean live) {
        TriggerIndex index = new TriggerIndex(workload.automations());
        W0Workload.Events events = workload.events();
        W0Workload.Event[] chunk = new W0Workload.Event[batchSize];
        int warmupBatches = WARMUP_EVENTS / batchSize;
        for (int i = 0; i < warmupBatches; i++) {
            evaluate(index, workload, events, chunk, live);
        }
        int batches = Math.max(1, eventCount / batchSize);
        Map<String, Long> commandsBefore = RedisServerStats.commandCalls(redis);
        double redisCpuBefore = RedisServerStats.cpuSeconds(redis);
        long processCpuBefore = PROCESS.getProcessCpuTime();
        long firings = 0;
        long started = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            firings += evaluate(index, workload, events, chunk, live);
        }
        long elapsed = System.nanoTime() - started;
        double processCpu = (PROCESS.getProcessCpuTime() - processCpuBefore) / 1e9;
        double redisCpu = RedisServerStats.cpuSeconds(redis) - redisCpuBefore;
        Map<String, Long> calls = RedisServerStats.commandCalls(redis);
        calls.replaceAll((command, count) -> count - commandsBefore.getOrDefault(command, 0L));
        calls.merge("info", -2L, Long::sum); // the INFO commandstats and INFO cpu calls above
        calls.values().removeIf(count -> count <= 0);
        long commands = calls.values().stream().mapToLong(Long::longValue).sum();
        long roundTrips = calls.entrySet().stream().filter(e -> ROUND_TRIPS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long evaluated = (long) batches * batchSize;
        System.out.printf("W0-redis %s path=%s automations=%d events=%d batch=%d: %.0f events/s (wall); CPU per event:"
                        + " evaluator %.1f us, Redis %.1f us, so %.0f events per CPU-second of both; %.2f Redis"
                        + " commands per event (%d per batch), %.2f round trips per batch; firings %d; commands %s%n",
                workload.mix().name().toLowerCase(), live ? "live" : "commit", workload.automationCount(), evaluated,
                batchSize, evaluated / (elapsed / 1e9), processCpu * 1e6 / evaluated, redisCpu * 1e6 / evaluated,
                evaluated / (processCpu + redisCpu), (double) commands / evaluated, commands / batches,
                (double) roundTrips / batches, firings, new TreeMap<>(calls));
    }

    /** One batch; the firings it committed (0 on the live path, which does not return them). */
    private long evaluate(TriggerIndex index, W0Workload workload, W0Workload.Events events,
                          W0Workload.Event[] chunk, boolean live) {
        events.next(chunk);
        List<WorkspaceEvent> batch = new ArrayList<>(chunk.length);
        for (W0Workload.Event event : chunk) {
            batch.add(new WorkspaceEvent(workload.workspace(), event.event()));
        }
        if (live) {
            evaluation.evaluateRun(index, batch).await().atMost(BATCH_TIMEOUT);
            return 0;
        }
        return evaluation.evaluateAndCommit(index, batch).await().atMost(BATCH_TIMEOUT).firings().size();
    }
}
