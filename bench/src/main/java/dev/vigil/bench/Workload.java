package dev.vigil.bench;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * W1/W2's automations and events (performance.md §2.2 and §3). Events are named
 * {@code app.job.<n>.failed} (50 names) about resources {@code res.gNN.<k>} (20 groups); 10 % of
 * them go to 100 hot resources and 2 hot names. Automations expect an exact name (70 %), a prefix
 * {@code app.job.<n>.*} (20 %) or {@code *} (10 %), on the resources of one group ({@code res.gNN.*})
 * or of all groups ({@code res.*}, 2 in 20), threshold 3 within 10 s, for_each resource id.
 */
final class Workload {

    static final int NAMES = 50;
    static final int GROUPS = 20;
    static final int HOT_RESOURCES = 100;
    static final int HOT_NAMES = 2;
    static final double HOT_SHARE = 0.10;
    static final int THRESHOLD = 3;
    static final int WITHIN_SECONDS = 10;
    /** Rendered by the actuator; the target matches arrivals to events by it. */
    static final String PAYLOAD = "{\"event\": \"{{ event.id }}\", \"resource\": \"{{ event.resource.id }}\"}";

    private final Random random;
    private final int resources;

    Workload(long seed, int resources) {
        this.random = new Random(seed);
        this.resources = resources;
    }

    static Map<String, Object> automation(int i, String blockId) {
        String match = (i % GROUPS) < 2 ? "res.*" : "res.g%02d.*".formatted(i % GROUPS);
        int kind = i % 10;
        String expect = kind < 7 ? "app.job.%d.failed".formatted(i % NAMES)
                : kind < 9 ? "app.job.%d.*".formatted(i % NAMES) : "*";
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", "event");
        trigger.put("expect", List.of(expect));
        trigger.put("match", Map.of(Resource.ID, match));
        trigger.put("for_each", List.of(Resource.ID));
        trigger.put("posture", "Reactive");
        trigger.put("threshold", THRESHOLD);
        trigger.put("within", WITHIN_SECONDS);
        Map<String, Object> automation = new LinkedHashMap<>();
        automation.put("name", "w1-" + i);
        automation.put("trigger", trigger);
        automation.put("actions", List.of(Map.of(
                "type", "call-webhook", "block_document_id", blockId, "payload", PAYLOAD)));
        return automation;
    }

    /** A batch of new events, occurring now; only the caller's thread may call this. */
    List<ReceivedEvent> batch(int size) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<ReceivedEvent> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            boolean hot = random.nextDouble() < HOT_SHARE;
            int resource = hot ? random.nextInt(HOT_RESOURCES) : random.nextInt(resources);
            int name = hot ? random.nextInt(HOT_NAMES) : random.nextInt(NAMES);
            String id = "res.g%02d.%d".formatted(resource % GROUPS, resource);
            batch.add(new ReceivedEvent(now, "app.job.%d.failed".formatted(name), Resource.of(id), List.of(),
                    Map.of(), new UUID(random.nextLong(), random.nextLong()), null, now));
        }
        return batch;
    }
}
