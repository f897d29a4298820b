package dev.vigil.evaluator.trigger;

import dev.vigil.evaluator.bucket.InMemoryEngineState;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.Trigger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One automation under the pure engine with in-memory state and a virtual clock, for engine tests. */
final class EngineFixture {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    final InMemoryEngineState state = new InMemoryEngineState();
    final AutomationEvaluator engine = new AutomationEvaluator();
    final TriggerIndex index;

    EngineFixture(Trigger trigger) {
        Automation automation = new Automation(UUID.randomUUID(), null, null, "a", null, true, null, trigger,
                List.of(), null, null);
        this.index = new TriggerIndex(List.of(new TriggerIndex.Indexed(Workspaces.DEFAULT, automation)));
    }

    static EngineFixture of(String triggerJson) {
        try {
            return new EngineFixture(VigilJson.mapper().readValue(triggerJson, Trigger.class));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ReceivedEvent event(String name, String resourceId, long secondsAfterT0) {
        OffsetDateTime at = T0.plusSeconds(secondsAfterT0);
        return new ReceivedEvent(at, name, Resource.of(resourceId), List.of(), Map.of(), UUID.randomUUID(), null, at);
    }

    static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0).toInstant();
    }

    static long secondsOf(Firing firing) {
        return firing.triggered().toEpochSecond() - T0.toEpochSecond();
    }

    /** Loads the automation at {@code T0 + seconds}. */
    EngineFixture loadedAt(long seconds) {
        engine.onLoad(index, at(seconds), state);
        return this;
    }

    /** Feeds the events in order, running every proactive evaluation due before each, as backtest does. */
    List<Firing> feed(ReceivedEvent... events) {
        List<Firing> firings = new ArrayList<>();
        for (ReceivedEvent event : events) {
            Instant before = event.occurred().toInstant().minusNanos(1);
            engine.onTime(index, before, state).forEach(f -> firings.add(f.firing()));
            engine.onEvent(index, Workspaces.DEFAULT, event, state).forEach(f -> firings.add(f.firing()));
        }
        return firings;
    }

    /** Runs every proactive evaluation due at or before {@code T0 + seconds}. */
    List<Firing> advanceTo(long seconds) {
        List<Firing> firings = new ArrayList<>();
        engine.onTime(index, at(seconds), state).forEach(f -> firings.add(f.firing()));
        return firings;
    }
}
