package dev.vigil.evaluator.bench;

import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.event.ResourceSpecification;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Workload W0 (performance.md §2.2 and §3). At 1,000 automations it is the anchor: automation
 * {@code i} expects {@code app.job.<i mod 50>.failed} on resources {@code res.gNN.*} (group
 * {@code i mod 20}; groups 0 and 1 use {@code res.*}), threshold 3 within 10 s, for_each resource
 * id. 10k resource ids; events arrive at 20k/s of event time; 10 % go to 100 hot ids and 2 hot
 * names. With more automations the names scale with them (50 per 1,000), so an event still
 * concerns about 2.9 triggers and what grows is only what the index must skip: a linear scan
 * would meet 50x more triggers at 50k. The {@link Mix#W2} variant turns 20 % of the triggers
 * into {@code app.job.<n>.*} prefix patterns and 10 % into expect-everything triggers on one
 * exact resource id (W2's mix of literal, prefix and {@code *} triggers).
 */
record W0Workload(int automationCount, Mix mix, UUID workspace) {

    W0Workload(int automationCount, Mix mix) {
        this(automationCount, mix, Workspaces.DEFAULT);
    }

    enum Mix { ANCHOR, W2 }

    private static final int NAMES_PER_THOUSAND = 50;
    private static final int GROUPS = 20;
    private static final int RESOURCES = 10_000;
    private static final int HOT_RESOURCES = 100;
    private static final int HOT_NAMES = 2;
    private static final double HOT_SHARE = 0.10;
    private static final long NANOS_PER_EVENT = 1_000_000_000L / 20_000;
    private static final long SEED = 42;

    /** An event with its occurrence time pre-computed. */
    record Event(ReceivedEvent event, Instant at) {
    }

    int names() {
        return Math.max(NAMES_PER_THOUSAND, automationCount * NAMES_PER_THOUSAND / 1000);
    }

    List<TriggerIndex.Indexed> automations() {
        Random random = new Random(SEED);
        List<TriggerIndex.Indexed> automations = new ArrayList<>(automationCount);
        for (int i = 0; i < automationCount; i++) {
            int group = i % GROUPS;
            String name = "app.job.%d.failed".formatted(i % names());
            List<String> expect = List.of(name);
            String resources = group < 2 ? "res.*" : "res.g%02d.*".formatted(group);
            if (mix == Mix.W2 && i % 10 >= 7 && i % 10 <= 8) {
                expect = List.of("app.job.%d.*".formatted(i % names()));
            } else if (mix == Mix.W2 && i % 10 == 9) {
                expect = List.of();
                int resource = random.nextInt(RESOURCES);
                resources = resourceId(resource);
            }
            EventTrigger trigger = new EventTrigger(new UUID(random.nextLong(), random.nextLong()),
                    new ResourceSpecification(Map.of(Resource.ID, resources)), null, null, expect,
                    List.of(Resource.ID), Posture.Reactive, 3, Duration.ofSeconds(10));
            Automation automation = new Automation(new UUID(random.nextLong(), random.nextLong()), null, null,
                    "a" + i, null, true, null, trigger, List.of(), null, null);
            automations.add(new TriggerIndex.Indexed(workspace, automation));
        }
        return automations;
    }

    /** The event stream, generated chunk by chunk so that the events in flight stay few, as in a live consumer. */
    Events events() {
        return new Events();
    }

    /** Events in order; each carries its own strings, as if just deserialized. */
    final class Events {

        private final Random random = new Random(SEED);
        private final OffsetDateTime start = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        private final String[] names = new String[names()];
        private final String[] resourceIds = new String[RESOURCES];
        private long generated;

        Events() {
            for (int n = 0; n < names.length; n++) {
                names[n] = "app.job.%d.failed".formatted(n);
            }
            for (int r = 0; r < RESOURCES; r++) {
                resourceIds[r] = resourceId(r);
            }
        }

        /** Fills {@code chunk} with the next events. */
        void next(Event[] chunk) {
            for (int i = 0; i < chunk.length; i++) {
                boolean hot = random.nextDouble() < HOT_SHARE;
                int resource = hot ? random.nextInt(HOT_RESOURCES) : random.nextInt(RESOURCES);
                int name = hot ? random.nextInt(HOT_NAMES) : random.nextInt(names.length);
                OffsetDateTime at = start.plusNanos(generated * NANOS_PER_EVENT);
                ReceivedEvent event = new ReceivedEvent(at, new String(names[name]),
                        Resource.of(new String(resourceIds[resource])), List.of(), Map.of(),
                        new UUID(0, generated), null, at);
                chunk[i] = new Event(event, at.toInstant());
                generated++;
            }
        }
    }

    private static String resourceId(int resource) {
        return "res.g%02d.%d".formatted(resource % GROUPS, resource);
    }
}
