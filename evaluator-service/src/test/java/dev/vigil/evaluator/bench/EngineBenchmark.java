package dev.vigil.evaluator.bench;

import dev.vigil.evaluator.bucket.InMemoryEngineState;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.event.ResourceSpecification;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Workload W0 of performance.md: the real matcher and engine in memory, no I/O. Automations
 * expect {@code app.job.<n>.failed} (50 names) on resources {@code res.gNN.*} (20 groups; 2 of
 * every 20 automations per name match {@code res.*}), threshold 3 within 10 s, for_each resource
 * id. 10k resource ids; events arrive at 20k/s of event time; 10 % go to 100 hot ids and 2 hot
 * names. Not a test; run it with
 * <pre>mvn -B test -pl evaluator-service -Dtest=EngineBenchmark -Dvigil.bench=true \
 *   -Dvigil.bench.events=1000000 -Dvigil.bench.automations=1000,50000</pre>
 */
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
class EngineBenchmark {

    private static final int NAMES = 50;
    private static final int GROUPS = 20;
    private static final int RESOURCES = 10_000;
    private static final int HOT_RESOURCES = 100;
    private static final int HOT_NAMES = 2;
    private static final double HOT_SHARE = 0.10;
    private static final long NANOS_PER_EVENT = 1_000_000_000L / 20_000;
    private static final int WARMUP_EVENTS = 200_000;

    @Test
    void w0() {
        int events = Integer.getInteger("vigil.bench.events", 1_000_000);
        for (String count : System.getProperty("vigil.bench.automations", "1000,50000").split(",")) {
            run(Integer.parseInt(count.trim()), events);
        }
    }

    private static void run(int automationCount, int eventCount) {
        TriggerIndex index = new TriggerIndex(automations(automationCount));
        List<ReceivedEvent> events = events(WARMUP_EVENTS + eventCount, new Random(42));
        AutomationEvaluator engine = new AutomationEvaluator();
        InMemoryEngineState state = new InMemoryEngineState();
        long firings = 0;
        for (int i = 0; i < WARMUP_EVENTS; i++) {
            firings += engine.onEvent(index, Workspaces.DEFAULT, events.get(i), state).size();
        }
        long[] latencies = new long[eventCount];
        firings = 0;
        long started = System.nanoTime();
        for (int i = 0; i < eventCount; i++) {
            long before = System.nanoTime();
            firings += engine.onEvent(index, Workspaces.DEFAULT, events.get(WARMUP_EVENTS + i), state).size();
            latencies[i] = System.nanoTime() - before;
        }
        long elapsed = System.nanoTime() - started;
        Arrays.sort(latencies);
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        System.out.printf("W0 automations=%d events=%d: %.0f events/s, p50 %.1f us, p99 %.1f us, p99.9 %.1f us,"
                        + " max %.1f ms, firings %d, heap after GC %d MB%n",
                automationCount, eventCount, eventCount / (elapsed / 1e9),
                latencies[eventCount / 2] / 1e3, latencies[(int) (eventCount * 0.99)] / 1e3,
                latencies[(int) (eventCount * 0.999)] / 1e3, latencies[eventCount - 1] / 1e6, firings, heapMb);
    }

    private static List<TriggerIndex.Indexed> automations(int count) {
        List<TriggerIndex.Indexed> automations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String pattern = (i % GROUPS) < 2 ? "res.*" : "res.g%02d.*".formatted(i % GROUPS);
            EventTrigger trigger = new EventTrigger(null,
                    new ResourceSpecification(Map.of(Resource.ID, pattern)), null, null,
                    List.of("app.job.%d.failed".formatted(i % NAMES)), List.of(Resource.ID), Posture.Reactive, 3,
                    Duration.ofSeconds(10));
            Automation automation = new Automation(UUID.randomUUID(), null, null, "a" + i, null, true, null, trigger,
                    List.of(), null, null);
            automations.add(new TriggerIndex.Indexed(Workspaces.DEFAULT, automation));
        }
        return automations;
    }

    private static List<ReceivedEvent> events(int count, Random random) {
        OffsetDateTime start = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        List<ReceivedEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean hot = random.nextDouble() < HOT_SHARE;
            int resource = hot ? random.nextInt(HOT_RESOURCES) : random.nextInt(RESOURCES);
            int name = hot ? random.nextInt(HOT_NAMES) : random.nextInt(NAMES);
            String id = "res.g%02d.%d".formatted(resource % GROUPS, resource);
            OffsetDateTime at = start.plusNanos(i * NANOS_PER_EVENT);
            events.add(new ReceivedEvent(at, "app.job.%d.failed".formatted(name), Resource.of(id), List.of(),
                    Map.of(), new UUID(0, i), null, at));
        }
        return events;
    }
}
