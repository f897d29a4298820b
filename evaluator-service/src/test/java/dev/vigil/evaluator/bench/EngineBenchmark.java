package dev.vigil.evaluator.bench;

import dev.vigil.evaluator.bucket.InMemoryEngineState;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.TriggerIndex;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Workload W0 of performance.md ({@link W0Workload}): the real index, matcher and engine in
 * memory, no I/O, one thread. Prints events/s (by the wall clock, and per CPU-second, which a
 * shared box disturbs less), per-event latency, firings, live buckets and heap
 * for each automation count. Not a test; run it with
 * <pre>mvn -B test -pl evaluator-service -am -Dtest=EngineBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dvigil.bench=true -Dvigil.bench.automations=1000,50000 [-Dvigil.bench.events=1000000] [-Dvigil.bench.mix=w2]</pre>
 * or as a plain {@code main} on the test class path (handy under a profiler).
 */
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
public class EngineBenchmark {

    private static final int WARMUP_EVENTS = 200_000;
    /** Events are generated (untimed) this many at a time. */
    private static final int CHUNK = 10_000;
    /** Buckets are swept every second of event time once their window is this old (backtest's rule). */
    private static final Duration SWEEP_AFTER = Duration.ofSeconds(60);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) {
        new EngineBenchmark().w0();
    }

    @Test
    void w0() {
        int events = Integer.getInteger("vigil.bench.events", 1_000_000);
        W0Workload.Mix mix = W0Workload.Mix.valueOf(System.getProperty("vigil.bench.mix", "anchor").toUpperCase());
        for (String count : System.getProperty("vigil.bench.automations", "1000,50000").split(",")) {
            run(new W0Workload(Integer.parseInt(count.trim()), mix), events);
        }
    }

    private static void run(W0Workload workload, int requestedEvents) {
        int eventCount = Math.max(CHUNK, requestedEvents / CHUNK * CHUNK);
        long builtAt = System.nanoTime();
        TriggerIndex index = new TriggerIndex(workload.automations());
        long indexMs = (System.nanoTime() - builtAt) / 1_000_000;
        W0Workload.Events events = workload.events();
        W0Workload.Event[] chunk = new W0Workload.Event[CHUNK];
        AutomationEvaluator engine = new AutomationEvaluator();
        InMemoryEngineState state = new InMemoryEngineState();
        Sweeper sweeper = new Sweeper(state);
        for (int done = 0; done < WARMUP_EVENTS; done += CHUNK) {
            events.next(chunk);
            for (W0Workload.Event event : chunk) {
                sweeper.before(event.at());
                engine.onEvent(index, workload.workspace(), event.event(), state);
            }
        }
        long[] latencies = new long[eventCount];
        long firings = 0;
        long elapsed = 0;
        long threadCpu = 0;
        long processCpu = 0;
        for (int done = 0; done < eventCount; done += CHUNK) {
            events.next(chunk);
            long startedCpu = THREADS.getCurrentThreadCpuTime();
            long startedProcessCpu = PROCESS.getProcessCpuTime();
            long started = System.nanoTime();
            for (int i = 0; i < CHUNK; i++) {
                W0Workload.Event event = chunk[i];
                sweeper.before(event.at());
                long before = System.nanoTime();
                firings += engine.onEvent(index, workload.workspace(), event.event(), state).size();
                latencies[done + i] = System.nanoTime() - before;
            }
            elapsed += System.nanoTime() - started;
            threadCpu += THREADS.getCurrentThreadCpuTime() - startedCpu;
            processCpu += PROCESS.getProcessCpuTime() - startedProcessCpu;
        }
        Arrays.sort(latencies);
        int buckets = state.size();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        Reference.reachabilityFence(state);
        Reference.reachabilityFence(index);
        System.out.printf("W0 %s automations=%d events=%d: %.0f events/s (wall), %.0f per CPU-second of the"
                        + " evaluating thread, %.0f per CPU-second of the process (incl. GC), p50 %.2f us, p99 %.2f us,"
                        + " p99.9 %.2f us, max %.1f ms, firings %d, live buckets %d, index built in %d ms,"
                        + " heap after GC %d MB%n",
                workload.mix().name().toLowerCase(), workload.automationCount(), eventCount,
                eventCount / (elapsed / 1e9), eventCount / (threadCpu / 1e9), eventCount / (processCpu / 1e9),
                latencies[eventCount / 2] / 1e3,
                latencies[(int) (eventCount * 0.99)] / 1e3, latencies[(int) (eventCount * 0.999)] / 1e3,
                latencies[eventCount - 1] / 1e6, firings, buckets, indexMs, heapMb);
    }

    /** Sweeps expired buckets once per second of event time; its cost counts in events/s, not in latency. */
    private static final class Sweeper {

        private final InMemoryEngineState state;
        private Instant next = Instant.MIN;

        Sweeper(InMemoryEngineState state) {
            this.state = state;
        }

        void before(Instant now) {
            if (now.isBefore(next)) {
                return;
            }
            state.sweepEndedBefore(now.minus(SWEEP_AFTER));
            next = now.plus(SWEEP_EVERY);
        }
    }
}
