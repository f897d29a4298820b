package dev.vigil.bench;

import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Workload W1 (and W2 with {@code --automations 10000|50000}) of performance.md §3, end to end
 * against running services: see bench/README.md for the command and the meaning of each figure.
 */
public final class W1 {

    /**
     * Lag is read from committed offsets, which the consumers commit every 5 s (SmallRye's throttled
     * strategy), so it saw-tooths. Its floor is the real backlog: a step's lag is flat when the lowest
     * lag of its second half exceeds that of its first half by less than this many seconds of
     * traffic...
     */
    private static final double FLAT_GROWTH_SECONDS = 1.0;
    /** ...and stays under this many seconds of traffic (commits lag well behind processing on a busy box). */
    private static final double FLAT_MAX_SECONDS_BEHIND = 15.0;
    private static final Duration LOAD_SETTLE = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofSeconds(5);

    private record LagSample(long nanos, long[] lags) {
    }

    private record Step(int rate, double offered, long startNanos, long endNanos, boolean flat, String lag,
                        String metrics) {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (WebhookTarget target = new WebhookTarget(); ConsumerLag lag = new ConsumerLag(options.kafka());
             ActionPublications published = new ActionPublications(options.kafka())) {
            new W1().run(options, target, lag, published);
        }
        System.exit(0);
    }

    private void run(Options options, WebhookTarget target, ConsumerLag lag, ActionPublications published)
            throws Exception {
        VigilClient client = new VigilClient(options);
        RedisStats redis = new RedisStats(options.redis());
        ProcessCpu cpu = new ProcessCpu(Path.of(options.runDir()), redis);
        String block = client.createWebhookBlock(target.url());
        long creating = System.nanoTime();
        // One POST each by default; --creation-batch N applies N per request (PUT /automations/apply).
        List<Automation> automations = options.creationBatch() > 0
                ? client.applyAutomations(options.automations(), options.creationBatch(), options.creationConcurrency(),
                        i -> Workload.automation(i, block))
                : client.createAutomations(options.automations(), options.creationConcurrency(),
                        i -> Workload.automation(i, block));
        double creationSeconds = (System.nanoTime() - creating) / 1e9;
        System.out.printf("workspace %s: %d automations created in %.1f s (%.0f/s, concurrency %d)%n",
                client.workspace, automations.size(), creationSeconds, automations.size() / creationSeconds,
                options.creationConcurrency());
        Instant loaded = Instant.now();
        Thread.sleep(LOAD_SETTLE.toMillis());

        List<LagSample> samples = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> samples.add(new LagSample(System.nanoTime(),
                options.groups().stream().mapToLong(lag::of).toArray())), 0, 1, TimeUnit.SECONDS);

        Workload workload = new Workload(options.seed(), options.resources());
        List<ReceivedEvent> sent = Collections.synchronizedList(new ArrayList<>());
        Map<UUID, Long> acceptedAt = LoadStep.newAcceptedMap();
        LoadStep load = new LoadStep(client, workload, options.inFlight(), sent, acceptedAt);
        long redisBefore = redis.commands();
        List<Step> steps = new ArrayList<>();
        for (int rate : options.rates()) {
            long start = System.nanoTime();
            Map<String, Duration> cpuBefore = cpu.sample();
            long acceptedBefore = load.accepted.get();
            long callsBefore = target.calls();
            double offered = load.run(rate, options.step());
            long end = System.nanoTime();
            Map<String, Duration> cpuAfter = cpu.sample();
            String cpuShares = ProcessCpu.shares(cpuBefore, cpuAfter, Duration.ofNanos(end - start)) + "; "
                    + ProcessCpu.perEvent(cpuBefore, cpuAfter, load.accepted.get() - acceptedBefore,
                    target.calls() - callsBefore);
            Step step = judge(rate, offered, start, end, samples, options, cpuShares);
            steps.add(step);
            System.out.printf("step %d ev/s: offered %.0f ev/s, lowest lag 1st->2nd half: %s: %s; %s%n", rate, offered, step.lag(),
                    step.flat() ? "flat" : "GROWING", step.metrics());
            if (!step.flat()) {
                break;
            }
        }
        long drainStart = System.nanoTime();
        drain(options, lag, target);
        System.out.printf("drained in %.1f s%n", (System.nanoTime() - drainStart) / 1e9);
        sampler.shutdownNow();
        long redisCommands = redis.commands() - redisBefore;

        report(options, automations, client, target, published, sent, acceptedAt, load, steps, redisCommands, redis,
                loaded);
    }

    private static Step judge(int rate, double offered, long start, long end, List<LagSample> samples,
                              Options options, String cpuShares) {
        long middle = (start + end) / 2;
        int groups = options.groups().size();
        long[] firstHalf = new long[groups];
        long[] secondHalf = new long[groups];
        Arrays.fill(firstHalf, Long.MAX_VALUE);
        Arrays.fill(secondHalf, Long.MAX_VALUE);
        boolean answered = true;
        int counted = 0;
        for (LagSample sample : samples) {
            if (sample.nanos() < start || sample.nanos() > end) {
                continue;
            }
            counted++;
            long[] half = sample.nanos() < middle ? firstHalf : secondHalf;
            for (int g = 0; g < groups; g++) {
                answered &= sample.lags()[g] >= 0;
                half[g] = Math.min(half[g], sample.lags()[g]);
            }
        }
        String metrics = cpuShares + "; heap: ingest " + ServiceMetrics.heap(options.ingest())
                + ", evaluator " + ServiceMetrics.heap(options.evaluator())
                + ", actuator " + ServiceMetrics.heap(options.actuator());
        boolean flat = answered && counted >= 2 && offered >= rate * 0.95
                && firstHalf[0] != Long.MAX_VALUE && secondHalf[0] != Long.MAX_VALUE;
        StringBuilder lag = new StringBuilder();
        for (int g = 0; g < groups; g++) {
            flat &= secondHalf[g] - firstHalf[g] <= offered * FLAT_GROWTH_SECONDS
                    && secondHalf[g] <= offered * FLAT_MAX_SECONDS_BEHIND;
            lag.append(g == 0 ? "" : ", ").append(options.groups().get(g)).append(' ')
                    .append(firstHalf[g]).append("->").append(secondHalf[g]);
        }
        return new Step(rate, offered, start, end, flat, lag.toString(), metrics);
    }

    /** Waits until both groups have no lag and no action arrived for a while. */
    private static void drain(Options options, ConsumerLag lag, WebhookTarget target) throws InterruptedException {
        long deadline = System.nanoTime() + options.drain().toNanos();
        long calls = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = target.calls();
            if (now != calls) {
                calls = now;
                quietSince = System.nanoTime();
            }
            boolean idle = options.groups().stream().allMatch(group -> lag.of(group) == 0);
            if (idle && System.nanoTime() - quietSince >= QUIET.toNanos()) {
                return;
            }
        }
        System.out.println("drain timed out: lag or arrivals still moving");
    }

    private static void report(Options options, List<Automation> automations, VigilClient client,
                               WebhookTarget target, ActionPublications published, List<ReceivedEvent> sent,
                               Map<UUID, Long> acceptedAt, LoadStep load, List<Step> steps, long redisCommands,
                               RedisStats redis, Instant loaded) throws Exception {
        List<List<Long>> latencies = new ArrayList<>();
        List<List<Long>> evaluatorStage = new ArrayList<>();
        List<List<Long>> actuatorStage = new ArrayList<>();
        steps.forEach(step -> {
            latencies.add(new ArrayList<>());
            evaluatorStage.add(new ArrayList<>());
            actuatorStage.add(new ArrayList<>());
        });
        List<Long> all = new ArrayList<>();
        long unmatched = 0;
        // Kafka timestamps are wall-clock millis; acceptance times are System.nanoTime.
        long wallMinusNanoMillis = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
        for (Map.Entry<String, WebhookTarget.Arrival> entry : target.arrivals().entrySet()) {
            WebhookTarget.Arrival arrival = entry.getValue();
            Long accepted = acceptedAt.get(UUID.fromString(arrival.eventId()));
            if (accepted == null) {
                unmatched++;
                continue;
            }
            long latency = arrival.nanos() - accepted;
            all.add(latency);
            Long publishedAt = published.publishedAt(entry.getKey());
            for (int i = 0; i < steps.size(); i++) {
                if (accepted >= steps.get(i).startNanos() && accepted <= steps.get(i).endNanos() + 30_000_000_000L
                        && (i + 1 == steps.size() || accepted < steps.get(i + 1).startNanos())) {
                    latencies.get(i).add(latency);
                    if (publishedAt != null) {
                        long acceptedWallMillis = accepted / 1_000_000 + wallMinusNanoMillis;
                        evaluatorStage.get(i).add((publishedAt - acceptedWallMillis) * 1_000_000);
                        actuatorStage.get(i).add((arrival.epochMillis() - publishedAt) * 1_000_000);
                    }
                }
            }
        }
        System.out.println();
        System.out.printf("== W1 report: %d automations, %d resource ids, batches of %d%n", automations.size(),
                options.resources(), LoadStep.BATCH);
        double sustained = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.flat()) {
                sustained = Math.max(sustained, step.offered());
            }
            System.out.printf("  step %6d ev/s (offered %.0f, lag %s): ingest 2xx -> action arrival %s%n",
                    step.rate(), step.offered(), step.flat() ? "flat" : "growing",
                    Percentiles.of(latencies.get(i).stream().mapToLong(Long::longValue).toArray()));
            System.out.printf("      ingest 2xx -> action published (evaluator): %s%n",
                    Percentiles.of(evaluatorStage.get(i).stream().mapToLong(Long::longValue).toArray()));
            System.out.printf("      action published -> arrival (actuator): %s%n",
                    Percentiles.of(actuatorStage.get(i).stream().mapToLong(Long::longValue).toArray()));
            System.out.printf("      %s%n", step.metrics());
        }
        System.out.printf("  sustained: %.0f events/s (highest step with flat consumer lag)%n", sustained);
        System.out.printf("  all steps: %s%n", Percentiles.of(all.stream().mapToLong(Long::longValue).toArray()));
        long accepted = load.accepted.get();
        System.out.printf("  events: %d accepted, %d refused or unanswered, %d batches sent late (client saturated)%n",
                accepted, load.refused.get(), load.late.get());
        System.out.printf("  Redis: %.2f commands per event (%d commands), used_memory %.1f MB%n",
                accepted == 0 ? 0.0 : (double) redisCommands / accepted, redisCommands,
                redis.usedMemory() / (1024.0 * 1024));
        List<ReceivedEvent> acceptedEvents;
        synchronized (sent) {
            acceptedEvents = sent.stream().filter(event -> acceptedAt.containsKey(event.id())).toList();
        }
        long expected = Oracle.expectedActionCalls(client.workspace, automations, acceptedEvents, loaded,
                Instant.now());
        long arrived = target.arrivals().size();
        System.out.printf("  fired: %d action calls arrived (distinct Idempotency-Key), oracle expects %d: %s%n",
                arrived, expected, arrived == expected ? "EQUAL" : "DIFFERENT");
        System.out.printf("  target: %d calls in all, %d repeated an idempotency key, %d named an unknown event%n",
                target.calls(), target.repeats(), unmatched);
    }
}
