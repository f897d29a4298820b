package dev.vigil.evaluator.timer;

import com.sun.management.OperatingSystemMXBean;
import dev.vigil.evaluator.bench.RedisServerStats;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.event.EventEvaluationService;
import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.event.ResourceSpecification;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Workload W4's timer side through the real sweep ({@link DueWindowSweep}, as {@link ProactiveTimers} polls it)
 * and the real Redis (and Kafka, for the firings) of the {@code %test} profile: one proactive automation
 * ({@code after: w4.armed}, {@code expect: w4.beat}, {@code for_each} resource id, threshold 1), {@code windows}
 * buckets armed through live evaluation, all but {@code silent} of them beaten in their window. The armed
 * events are back-dated so that the windows come due at {@code rate} per second from a few seconds after arming
 * ({@code rate=0}: all due at once, to measure how fast a backlog clears). The sweep then runs every poll
 * interval on the wall clock until every window has been evaluated. Prints windows/s while sweeping (windows /
 * time spent in sweeps), the lateness of the firings (hand-off, i.e. broker acknowledgement, time − window end)
 * p50/p99/max and at their commit, the evaluator's
 * CPU per window and Redis's, and Redis commands per window ({@code INFO commandstats}). Not a test; run it with
 * <pre>mvn -B test -pl evaluator-service -am -Dtest=TimerBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dvigil.bench=true [-Dvigil.bench.timers.windows=100000] [-Dvigil.bench.timers.rate=3000] \
 *   [-Dvigil.evaluator.timer-pipeline=4] [-Dvigil.evaluator.timer-batch-size=500]</pre>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
class TimerBenchmark {

    private static final int ARM_BATCH = 500;
    /** Arming runs at several thousand events/s; the first window comes due this long after the estimate. */
    private static final Duration ARM_MARGIN = Duration.ofSeconds(5);
    private static final double ARM_EVENTS_PER_SECOND = 5000;
    private static final Duration AWAIT = Duration.ofMinutes(5);
    private static final Duration DRAIN = Duration.ofMinutes(2);
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Inject
    DueWindowSweep sweep;

    @Inject
    EventEvaluationService evaluation;

    @Inject
    EvaluatorConfig config;

    @Inject
    RedisDataSource redis;

    @Test
    void w4Timers() {
        int windows = Integer.getInteger("vigil.bench.timers.windows", 100_000);
        double rate = Double.parseDouble(System.getProperty("vigil.bench.timers.rate", "3000"));
        double silent = Double.parseDouble(System.getProperty("vigil.bench.timers.silent", "0.1"));
        Duration within = Duration.ofSeconds(Integer.getInteger("vigil.bench.timers.within-seconds", 60));
        UUID workspace = UUID.randomUUID();
        TriggerIndex index = new TriggerIndex(List.of(new TriggerIndex.Indexed(workspace, automation(within))));

        int beaten = (int) IntStream.range(0, windows).filter(i -> !isSilent(i, silent)).count();
        Instant armStart = Instant.now();
        Instant firstDue = rate > 0
                ? armStart.plus(ARM_MARGIN).plusMillis((long) ((windows + beaten) * 1000 / ARM_EVENTS_PER_SECOND))
                : armStart.minusSeconds(1);
        arm(workspace, index, windows, silent, rate, firstDue, within);
        Instant armed = Instant.now();
        System.out.printf("TimerBenchmark: armed %d buckets (%d beaten) in %.1f s; first window due %s after arming%n",
                windows, beaten, Duration.between(armStart, armed).toMillis() / 1000.0,
                Duration.between(armed, firstDue));

        Sweeps sweeps = new Sweeps(windows - beaten);
        long commandsBefore = RedisServerStats.totalCommandCalls(redis);
        double redisCpuBefore = RedisServerStats.cpuSeconds(redis);
        long cpuBefore = PROCESS.getProcessCpuTime();
        Instant deadline = firstDue.plusMillis(rate > 0 ? (long) (windows * 1000 / rate) : 0).plus(DRAIN);
        while (sweeps.windows < windows && Instant.now().isBefore(deadline)) {
            long started = System.nanoTime();
            sweep.fire(index, workspace, Instant.now(), sweeps::record).await().atMost(AWAIT);
            sweeps.busyNanos += System.nanoTime() - started;
            sleep(config.timerPollInterval());
        }
        double cpu = (PROCESS.getProcessCpuTime() - cpuBefore) / 1e9;
        double redisCpu = RedisServerStats.cpuSeconds(redis) - redisCpuBefore;
        long commands = RedisServerStats.totalCommandCalls(redis) - commandsBefore - 2;
        sweeps.print(rate, cpu, redisCpu, commands, config);
    }

    /** Silent buckets are spread evenly over the due times, as W4's random tenth is. */
    private static boolean isSilent(int i, double silent) {
        return Math.floor((i + 1) * silent) > Math.floor(i * silent);
    }

    private void arm(UUID workspace, TriggerIndex index, int windows, double silent, double rate, Instant firstDue,
                     Duration within) {
        List<WorkspaceEvent> batch = new ArrayList<>(ARM_BATCH);
        for (int i = 0; i < windows; i++) {
            Instant due = rate > 0 ? firstDue.plusNanos((long) (i * 1e9 / rate)) : firstDue;
            OffsetDateTime occurred = due.minus(within).atOffset(ZoneOffset.UTC);
            String resource = "w4." + i;
            batch.add(new WorkspaceEvent(workspace, event("w4.armed", resource, occurred, i)));
            if (!isSilent(i, silent)) {
                batch.add(new WorkspaceEvent(workspace, event("w4.beat", resource, occurred.plusNanos(1_000_000),
                        windows + i)));
            }
            if (batch.size() >= ARM_BATCH) {
                evaluation.evaluateAndCommit(index, batch).await().atMost(AWAIT);
                batch = new ArrayList<>(ARM_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            evaluation.evaluateAndCommit(index, batch).await().atMost(AWAIT);
        }
    }

    private static ReceivedEvent event(String name, String resource, OffsetDateTime occurred, long serial) {
        return new ReceivedEvent(occurred, name, Resource.of(resource), List.of(), Map.of(),
                new UUID(0x7434L, serial), null, occurred);
    }

    private static Automation automation(Duration within) {
        EventTrigger trigger = new EventTrigger(UUID.randomUUID(), new ResourceSpecification(Map.of(Resource.ID, "w4.*")),
                null, List.of("w4.armed"), List.of("w4.beat"), List.of(Resource.ID), Posture.Proactive, 1, within);
        return new Automation(UUID.randomUUID(), null, null, "w4", null, true, null, trigger, List.of(), null, null);
    }

    /** What the sweeps did: windows evaluated, and the lateness of each firing at its hand-off. */
    private static final class Sweeps {
        private final long[] lateness;
        private final long[] committed;
        private int fired;
        private volatile int windows;
        private long busyNanos;

        Sweeps(int silent) {
            lateness = new long[silent];
            committed = new long[silent];
        }

        synchronized void record(DueWindowSweep.Page page) {
            long now = System.currentTimeMillis();
            windows += page.windows();
            page.firings().forEach(f -> {
                if (fired < lateness.length) {
                    long end = f.firing().triggered().toInstant().toEpochMilli();
                    lateness[fired] = now - end;
                    committed[fired] = page.committedAt().toEpochMilli() - end;
                }
                fired++;
            });
        }

        synchronized void print(double rate, double cpu, double redisCpu, long commands, EvaluatorConfig config) {
            long[] sorted = Arrays.copyOf(lateness, Math.min(fired, lateness.length));
            Arrays.sort(sorted);
            long[] commits = Arrays.copyOf(committed, Math.min(fired, committed.length));
            Arrays.sort(commits);
            double busy = busyNanos / 1e9;
            System.out.printf("TimerBenchmark rate=%s pipeline=%d page=%d: %d windows evaluated, %d fired (of %d"
                            + " silent); %.0f windows/s while sweeping (%.1f s in sweeps); lateness p50 %d ms, p99 %d ms,"
                            + " max %d ms (at the commit: p50 %d ms, p99 %d ms); CPU per window: evaluator %.0f us, Redis %.0f us; %.2f Redis commands per"
                            + " window%n",
                    rate > 0 ? Double.toString(rate) : "all-due", config.timerPipeline(), config.timerBatchSize(),
                    windows, fired, lateness.length, windows / busy, busy, percentile(sorted, 0.50),
                    percentile(sorted, 0.99), sorted.length == 0 ? -1 : sorted[sorted.length - 1],
                    percentile(commits, 0.50), percentile(commits, 0.99),
                    cpu * 1e6 / windows, redisCpu * 1e6 / windows, (double) commands / windows);
        }

        private static long percentile(long[] sorted, double p) {
            return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
