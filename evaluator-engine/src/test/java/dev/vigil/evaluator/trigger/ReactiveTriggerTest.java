package dev.vigil.evaluator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.bucket.InMemoryEngineState;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.event.ResourceSpecification;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReactiveTriggerTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    private final InMemoryEngineState store = new InMemoryEngineState();
    private final AutomationEvaluator engine = new AutomationEvaluator();

    private static EventTrigger trigger(int threshold, int withinSeconds, List<String> forEach, List<String> after) {
        return new EventTrigger(null, new ResourceSpecification(Map.of(Resource.ID, "my.resource.*")), null, after,
                List.of("external.resource.pinged"), forEach, Posture.Reactive, threshold,
                Duration.ofSeconds(withinSeconds));
    }

    private static TriggerIndex index(EventTrigger trigger) {
        Automation automation = new Automation(UUID.randomUUID(), null, null, "a", null, true, null, trigger,
                List.of(), null, null);
        return new TriggerIndex(List.of(new TriggerIndex.Indexed(Workspaces.DEFAULT, automation)));
    }

    private static ReceivedEvent event(String name, String resourceId, int secondsAfterT0) {
        OffsetDateTime at = T0.plusSeconds(secondsAfterT0);
        return new ReceivedEvent(at, name, Resource.of(resourceId), List.of(), Map.of(), UUID.randomUUID(), null, at);
    }

    private List<Firing> feed(TriggerIndex index, ReceivedEvent... events) {
        List<Firing> firings = new ArrayList<>();
        for (ReceivedEvent event : events) {
            engine.onEvent(index, Workspaces.DEFAULT, event, store).forEach(f -> firings.add(f.firing()));
        }
        return firings;
    }

    @Test
    void firesOnTheThresholdthEventWithinTheWindow() {
        TriggerIndex index = index(trigger(2, 60, List.of(), List.of()));
        ReceivedEvent second = event("external.resource.pinged", "my.resource.1", 10);
        List<Firing> firings = feed(index, event("external.resource.pinged", "my.resource.1", 0), second);
        assertThat(firings).singleElement().satisfies(f -> {
            assertThat(f.triggeringEvent()).isEqualTo(second);
            assertThat(f.triggered()).isEqualTo(second.occurred());
        });
    }

    @Test
    void aReactiveBucketKeepsNoLastEventSinceNoFiringOfItReadsOne() {
        TriggerIndex index = index(trigger(3, 60, List.of(Resource.ID), List.of("external.resource.opened")));
        feed(index, event("external.resource.opened", "my.resource.1", 0),
                event("external.resource.pinged", "my.resource.1", 1));
        assertThat(store.all().values()).singleElement().satisfies(bucket -> {
            assertThat(bucket.count()).isEqualTo(1);
            assertThat(bucket.lastEvent()).isNull();
        });
    }

    @Test
    void ignoresEventsWithOtherNamesOrResources() {
        TriggerIndex index = index(trigger(2, 60, List.of(), List.of()));
        List<Firing> firings = feed(index,
                event("external.resource.pinged", "my.resource.1", 0),
                event("external.resource.ponged", "my.resource.1", 1),
                event("external.resource.pinged", "other.resource.1", 2));
        assertThat(firings).isEmpty();
    }

    @Test
    void firesAtMostOncePerWindow() {
        TriggerIndex index = index(trigger(2, 60, List.of(), List.of()));
        List<Firing> firings = feed(index,
                event("external.resource.pinged", "my.resource.1", 0),
                event("external.resource.pinged", "my.resource.1", 1),
                event("external.resource.pinged", "my.resource.1", 2),
                event("external.resource.pinged", "my.resource.1", 3));
        assertThat(firings).hasSize(1);
    }

    @Test
    void nextWindowStartsWhereTheFiredOneEnded() {
        TriggerIndex index = index(trigger(2, 60, List.of(), List.of()));
        // The first window is [t-15min, t+60s): fires at 1s; the next is [60s, 120s).
        List<Firing> firings = feed(index,
                event("external.resource.pinged", "my.resource.1", 0),
                event("external.resource.pinged", "my.resource.1", 1),
                event("external.resource.pinged", "my.resource.1", 30),
                event("external.resource.pinged", "my.resource.1", 61),
                event("external.resource.pinged", "my.resource.1", 62));
        assertThat(firings).extracting(f -> f.triggered().toEpochSecond() - T0.toEpochSecond())
                .containsExactly(1L, 62L);
    }

    @Test
    void lateEventWithinLookbackStillCounts() {
        TriggerIndex index = index(trigger(2, 60, List.of(), List.of()));
        List<Firing> firings = feed(index,
                event("external.resource.pinged", "my.resource.1", 600),
                event("external.resource.pinged", "my.resource.1", 100));
        assertThat(firings).hasSize(1);
    }

    @Test
    void forEachKeepsSeparateCountsPerBucket() {
        TriggerIndex index = index(trigger(2, 60, List.of(Resource.ID), List.of()));
        List<Firing> firings = feed(index,
                event("external.resource.pinged", "my.resource.1", 0),
                event("external.resource.pinged", "my.resource.2", 1),
                event("external.resource.pinged", "my.resource.2", 2));
        assertThat(firings).singleElement()
                .satisfies(f -> assertThat(f.triggeringLabels()).containsEntry(Resource.ID, "my.resource.2"));
    }

    @Test
    void withinZeroAndThresholdOneFiresOnEveryEvent() {
        TriggerIndex index = index(trigger(1, 0, List.of(), List.of()));
        List<Firing> firings = feed(index,
                event("external.resource.pinged", "my.resource.1", 0),
                event("external.resource.pinged", "my.resource.1", 0),
                event("external.resource.pinged", "my.resource.1", 500));
        assertThat(firings).hasSize(3);
    }

    @Test
    void expectedEventsBeforeTheAfterEventAreIgnored() {
        EventTrigger trigger = new EventTrigger(null, null, null, List.of("external.resource.armed"),
                List.of("external.resource.pinged"), List.of(), Posture.Reactive, 1, Duration.ofSeconds(60));
        TriggerIndex index = index(trigger);
        assertThat(feed(index, event("external.resource.pinged", "x", 0))).isEmpty();
        assertThat(feed(index, event("external.resource.armed", "x", 1), event("external.resource.pinged", "x", 2)))
                .hasSize(1);
    }

    @Test
    void sameEventProcessedTwiceYieldsTheSameFiringId() {
        TriggerIndex index = index(trigger(1, 60, List.of(), List.of()));
        ReceivedEvent event = event("external.resource.pinged", "my.resource.1", 0);
        Firing first = feed(index, event).get(0);
        store.all().keySet().forEach(store::delete);
        Firing again = feed(index, event).get(0);
        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    void wildcardExpectNeedsAtLeastOneCharacter() {
        EventTrigger trigger = new EventTrigger(null, null, null, null, List.of("animal.*"), List.of(),
                Posture.Reactive, 1, Duration.ZERO);
        TriggerIndex index = index(trigger);
        assertThat(feed(index, event("animal.", "x", 0))).isEmpty();
        assertThat(feed(index, event("animal.dog", "x", 0))).hasSize(1);
    }
}
