package dev.vigil.evaluator.timer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.bucket.InMemoryEngineState;
import dev.vigil.evaluator.event.EventEvaluationService;
import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.trigger.AutomationEvaluator;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.json.VigilJson;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of lifecycle steps (see docs/triggers.md, "Lifecycle") and events, run through the live path
 * (evaluation and the due-window sweep, committing to the real Redis) and through the pure engine with
 * in-memory state: after every step both have made the same firings.
 * <p>
 * Steps: an event; time passing (due windows fire); PATCH off and on (the automation leaves the index and comes
 * back with its trigger ids, so its state); PUT (fresh trigger ids: fresh state); pause and resume by an action
 * (as PATCH); delete; an evaluator restart or a partition moving to another replica (nothing but Redis is kept:
 * the index is built anew). Unkeyed proactive triggers, whose first window opens on the wall clock, are left to
 * {@code ProactiveLifecycleTest}.
 */
@QuarkusTest
class LifecyclePropertyTest {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final int SEQUENCES = Integer.getInteger("vigil.lifecycle.sequences", 12);
    private static final int STEPS = 60;
    private static final List<String> RESOURCES = List.of("lifecycle.r1", "lifecycle.r2", "lifecycle.r3");
    private static final List<String> NAMES = List.of("lifecycle.ping", "lifecycle.ping", "lifecycle.other");

    @Inject
    EventEvaluationService evaluation;

    @Inject
    DueWindowSweep sweep;

    private final AutomationEvaluator engine = new AutomationEvaluator();

    @Test
    void theLivePathFiresAsThePureEngineDoesAcrossEveryLifecycleStep() {
        long seed = Long.getLong("vigil.lifecycle.seed", System.nanoTime());
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            run(new Random(seed + sequence), "seed " + (seed + sequence));
        }
    }

    private void run(Random random, String seed) {
        UUID workspace = UUID.randomUUID();
        Map<UUID, Automation> defined = new LinkedHashMap<>();
        Map<UUID, Boolean> enabled = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            Automation automation = randomAutomation(random, i);
            defined.put(automation.id(), automation);
            enabled.put(automation.id(), true);
        }
        InMemoryEngineState pureState = new InMemoryEngineState();
        // Virtual time starts now (Redis keys expire on the wall clock) and runs ahead of it.
        Instant clock = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> history = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            TriggerIndex liveIndex = index(workspace, defined, enabled);
            TriggerIndex pureIndex = index(workspace, defined, enabled);
            List<AutomationFiring> live;
            List<AutomationFiring> pure;
            int choice = random.nextInt(20);
            if (choice < 10) {
                clock = clock.plusMillis(random.nextInt(3000));
                ReceivedEvent event = event(random, clock);
                history.add("event " + event.event() + " " + event.resource().id() + " at +" + step);
                live = evaluation.evaluateAndCommit(liveIndex, List.of(new WorkspaceEvent(workspace, event)))
                        .await().atMost(STEP_TIMEOUT).firings();
                pure = engine.onEvent(pureIndex, workspace, event, pureState);
            } else if (choice < 14) {
                clock = clock.plusMillis(1000 + random.nextInt(8000));
                history.add("time passes to " + clock);
                live = fireDue(liveIndex, workspace, clock);
                pure = engine.onTime(pureIndex, clock, pureState);
            } else {
                UUID id = pick(random, defined);
                int lifecycle = random.nextInt(6);
                switch (lifecycle) {
                    case 0, 1 -> {
                        history.add((lifecycle == 0 ? "PATCH off " : "pause by action ") + id);
                        enabled.put(id, false);
                    }
                    case 2 -> {
                        history.add("PATCH on / resume " + id);
                        enabled.put(id, true);
                    }
                    case 3 -> {
                        history.add("PUT " + id);
                        Automation old = defined.get(id);
                        defined.put(id, withTrigger(old, old.trigger().withFreshIds()));
                    }
                    case 4 -> {
                        history.add("delete and create again as new " + id);
                        Automation old = defined.remove(id);
                        enabled.remove(id);
                        Automation again = withId(old, UUID.randomUUID());
                        defined.put(again.id(), again);
                        enabled.put(again.id(), true);
                    }
                    default -> history.add("restart / partition reassigned");
                }
                continue;
            }
            assertThat(signatures(live)).as("%s, after: %s", seed, String.join("; ", history))
                    .containsExactlyInAnyOrderElementsOf(signatures(pure));
        }
    }

    private List<AutomationFiring> fireDue(TriggerIndex index, UUID workspace, Instant upTo) {
        List<AutomationFiring> fired = new ArrayList<>();
        sweep.fire(index, workspace, upTo, page -> fired.addAll(page.firings())).await().atMost(STEP_TIMEOUT);
        return fired;
    }

    private static TriggerIndex index(UUID workspace, Map<UUID, Automation> defined, Map<UUID, Boolean> enabled) {
        List<TriggerIndex.Indexed> on = new ArrayList<>();
        defined.forEach((id, automation) -> {
            if (enabled.get(id)) {
                on.add(new TriggerIndex.Indexed(workspace, automation));
            }
        });
        return new TriggerIndex(on);
    }

    private static List<String> signatures(List<AutomationFiring> firings) {
        return firings.stream().map(f -> f.automation().id() + " " + f.firing().triggerId() + " "
                + f.firing().triggerState() + " " + f.firing().triggeringLabels() + " "
                + (f.firing().triggeringEvent() == null ? "-" : f.firing().triggeringEvent().id())).toList();
    }

    private static Automation randomAutomation(Random random, int i) {
        boolean proactive = random.nextBoolean();
        String trigger = """
                {"type": "event", "id": "%s", "posture": "%s", "expect": ["lifecycle.ping"],
                 "for_each": ["prefect.resource.id"], "threshold": %d, "within": %d}"""
                .formatted(UUID.randomUUID(), proactive ? "Proactive" : "Reactive", 1 + random.nextInt(3),
                        proactive ? 5 + random.nextInt(10) : random.nextInt(11));
        String json = """
                {"id": "%s", "created": "2026-12-07T00:00:00Z", "updated": "2026-12-07T00:00:00Z",
                 "name": "lifecycle %d", "description": "", "enabled": true, "tags": [], "trigger": %s,
                 "actions": [{"type": "do-nothing"}], "actions_on_trigger": [], "actions_on_resolve": []}"""
                .formatted(UUID.randomUUID(), i, trigger);
        try {
            return VigilJson.mapper().readValue(json, Automation.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReceivedEvent event(Random random, Instant at) {
        OffsetDateTime occurred = at.atOffset(ZoneOffset.UTC);
        return new ReceivedEvent(occurred, NAMES.get(random.nextInt(NAMES.size())),
                Resource.of(RESOURCES.get(random.nextInt(RESOURCES.size()))), List.of(), Map.of(), UUID.randomUUID(),
                null, occurred);
    }

    private static UUID pick(Random random, Map<UUID, Automation> defined) {
        List<UUID> ids = List.copyOf(defined.keySet());
        return ids.get(random.nextInt(ids.size()));
    }

    private static Automation withTrigger(Automation a, dev.vigil.model.trigger.Trigger trigger) {
        return new Automation(a.id(), a.created(), a.updated(), a.name(), a.description(), a.enabled(), a.tags(),
                trigger, a.actions(), a.actionsOnTrigger(), a.actionsOnResolve());
    }

    private static Automation withId(Automation a, UUID id) {
        return new Automation(id, a.created(), a.updated(), a.name(), a.description(), a.enabled(), a.tags(),
                a.trigger().withFreshIds(), a.actions(), a.actionsOnTrigger(), a.actionsOnResolve());
    }
}
