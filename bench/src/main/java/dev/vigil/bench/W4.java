package dev.vigil.bench;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Workload W4 of performance.md §3: one proactive automation ({@code after w4.armed}, expect
 * {@code w4.beat} within the window, for_each resource id) armed on {@code --proactive} resources;
 * all but {@code --silent-share} of them send their beat, the silent ones must fire once each. Prints
 * firing lateness: the call's arrival at the target minus the window end ({@code firing.triggered}).
 */
public final class W4 {

    private static final String ARMED = "w4.armed";
    private static final String BEAT = "w4.beat";
    private static final String PAYLOAD = "{\"resource\": \"{{ firing.triggering_labels['prefect.resource.id'] }}\","
            + " \"triggered\": \"{{ firing.triggered }}\"}";
    private static final long GRACE_SECONDS = 60;

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (WebhookTarget target = new WebhookTarget()) {
            run(options, target);
        }
        System.exit(0);
    }

    private static void run(Options options, WebhookTarget target) throws Exception {
        VigilClient client = new VigilClient(options);
        String block = client.createWebhookBlock(target.url());
        client.createAutomations(1, 1, i -> automation(block, options));
        Thread.sleep(TimeUnit.SECONDS.toMillis(5));
        int count = options.proactive();
        Random random = new Random(options.seed());
        Set<String> silent = new HashSet<>();
        List<String> resources = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String resource = "w4." + UUID.randomUUID();
            resources.add(resource);
            if (random.nextDouble() < options.silentShare()) {
                silent.add(resource);
            }
        }
        long armStart = System.nanoTime();
        long refused = post(client, resources, ARMED, options);
        System.out.printf("armed %d buckets in %.1f s (%d events refused)%n", count,
                (System.nanoTime() - armStart) / 1e9, refused);
        List<String> beating = resources.stream().filter(r -> !silent.contains(r)).toList();
        refused += post(client, beating, BEAT, options);
        System.out.printf("%d beats sent, %d buckets silent; waiting for the windows to end%n", beating.size(),
                silent.size());
        long deadline = System.nanoTime() + options.window().plusSeconds(GRACE_SECONDS).toNanos();
        while (System.nanoTime() < deadline && target.arrivals().size() < silent.size()) {
            Thread.sleep(1000);
        }
        Thread.sleep(5000);
        report(target, silent, refused);
    }

    private static void report(WebhookTarget target, Set<String> silent, long refused) {
        List<Long> lateness = new ArrayList<>();
        long wrong = 0;
        Set<String> fired = new HashSet<>();
        for (WebhookTarget.Arrival arrival : target.arrivals().values()) {
            if (!silent.contains(arrival.resource())) {
                wrong++;
                continue;
            }
            fired.add(arrival.resource());
            lateness.add(TimeUnit.MILLISECONDS.toNanos(arrival.epochMillis()
                    - Instant.from(OffsetDateTime.parse(arrival.triggered())).toEpochMilli()));
        }
        System.out.println();
        System.out.printf("== W4 report: %d silent buckets, %d fired (%d calls, %d repeated keys),"
                        + " %d calls for buckets that did beat, %d events refused%n",
                silent.size(), fired.size(), target.calls(), target.repeats(), wrong, refused);
        System.out.printf("  lateness (arrival - window end): %s%n",
                Percentiles.of(lateness.stream().mapToLong(Long::longValue).toArray()));
    }

    /** Posts one event per resource at --arm-rate, in batches; returns how many were refused. */
    private static long post(VigilClient client, List<String> resources, String name, Options options)
            throws InterruptedException {
        AtomicLong refused = new AtomicLong();
        long interval = TimeUnit.SECONDS.toNanos(1) * LoadStep.BATCH / options.armRate();
        long next = System.nanoTime();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int from = 0; from < resources.size(); from += LoadStep.BATCH) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            List<ReceivedEvent> batch = resources.subList(from, Math.min(resources.size(), from + LoadStep.BATCH))
                    .stream().map(resource -> new ReceivedEvent(now, name, Resource.of(resource), List.of(),
                            Map.of(), UUID.randomUUID(), null, now)).toList();
            pending.add(client.postEvents(batch).handle((status, failure) -> {
                if (failure != null || status / 100 != 2) {
                    refused.addAndGet(batch.size());
                }
                return null;
            }));
            next += interval;
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return refused.get();
    }

    private static Map<String, Object> automation(String block, Options options) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", "event");
        trigger.put("after", List.of(ARMED));
        trigger.put("expect", List.of(BEAT));
        trigger.put("for_each", List.of(Resource.ID));
        trigger.put("posture", "Proactive");
        trigger.put("threshold", 1);
        trigger.put("within", options.window().toSeconds());
        Map<String, Object> automation = new LinkedHashMap<>();
        automation.put("name", "w4");
        automation.put("trigger", trigger);
        automation.put("actions", List.of(Map.of(
                "type", "call-webhook", "block_document_id", block, "payload", PAYLOAD)));
        return automation;
    }
}
