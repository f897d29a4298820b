package dev.vigil.evaluator.trigger;

import static dev.vigil.evaluator.trigger.EngineFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.bucket.InMemoryEngineState;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.messaging.Workspaces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolved states, as in Prefect Cloud (a deliberate addition to Prefect OSS). */
class ResolvedStateTest {

    private static final String HEARTBEAT = """
            {"posture": "Proactive", "expect": ["heartbeat"], "threshold": 1, "within": 60}""";

    private static final String PINGS = """
            {"posture": "Reactive", "expect": ["pinged"], "for_each": ["prefect.resource.id"],
             "threshold": 2, "within": 60}""";

    private static String describe(Firing firing) {
        return firing.triggerState() + "@" + EngineFixture.secondsOf(firing);
    }

    @Test
    void aFiredProactiveBucketResolvesWhenAnExpectedEventArrives() {
        EngineFixture engine = EngineFixture.of(HEARTBEAT).loadedAt(0);
        assertThat(engine.advanceTo(60)).extracting(ResolvedStateTest::describe).containsExactly("Triggered@60");
        ReceivedEvent beat = event("heartbeat", "svc", 70);
        assertThat(engine.feed(beat)).singleElement().satisfies(f -> {
            assertThat(describe(f)).isEqualTo("Resolved@70");
            assertThat(f.triggeringEvent().id()).isEqualTo(beat.id());
        });
        // The beat also satisfied the window [60, 120), so nothing fires at 120.
        assertThat(engine.advanceTo(125)).isEmpty();
    }

    @Test
    void aProactiveBucketResolvesOnceHoweverManyExpectedEventsFollow() {
        EngineFixture engine = EngineFixture.of(HEARTBEAT).loadedAt(0);
        engine.advanceTo(60);
        assertThat(engine.feed(event("heartbeat", "svc", 70), event("heartbeat", "svc", 80)))
                .extracting(ResolvedStateTest::describe).containsExactly("Resolved@70");
    }

    @Test
    void aProactiveBucketThatNeverFiredDoesNotResolve() {
        EngineFixture engine = EngineFixture.of(HEARTBEAT).loadedAt(0);
        assertThat(engine.feed(event("heartbeat", "svc", 30))).isEmpty();
    }

    @Test
    void silentWindowsKeepFiringUntilTheResolvingEvent() {
        EngineFixture engine = EngineFixture.of(HEARTBEAT).loadedAt(0);
        List<Firing> firings = new ArrayList<>(engine.advanceTo(130));
        firings.addAll(engine.feed(event("heartbeat", "svc", 150)));
        assertThat(firings).extracting(ResolvedStateTest::describe)
                .containsExactly("Triggered@60", "Triggered@120", "Resolved@150");
    }

    @Test
    void aFiredProactiveBucketWithAfterResolvesWhenItsExpectedEventArrivesLate() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Proactive", "after": ["job.started"], "expect": ["job.completed"],
                 "for_each": ["prefect.resource.id"], "threshold": 1, "within": 300}""").loadedAt(0);
        List<Firing> firings = new ArrayList<>(engine.feed(event("job.started", "job.a", 10)));
        firings.addAll(engine.advanceTo(400));
        firings.addAll(engine.feed(event("job.completed", "job.b", 450), event("job.completed", "job.a", 500),
                event("job.completed", "job.a", 510)));
        assertThat(firings).extracting(ResolvedStateTest::describe).containsExactly("Triggered@310", "Resolved@500");
        assertThat(firings.get(1).triggeringLabels()).containsEntry(Resource.ID, "job.a");
        // Nothing is left waiting: no bucket and no timer.
        assertThat(engine.state.all()).isEmpty();
        assertThat(engine.state.timers()).isEmpty();
    }

    @Test
    void aFiredReactiveBucketResolvesWhenTheNextWindowClosesBelowTheThreshold() {
        EngineFixture engine = EngineFixture.of(PINGS);
        List<Firing> firings = new ArrayList<>(engine.feed(event("pinged", "r", 0), event("pinged", "r", 1)));
        // The fired window ends at 60; the next one, [60, 120), sees a single ping.
        firings.addAll(engine.feed(event("pinged", "r", 90)));
        assertThat(engine.advanceTo(119)).isEmpty();
        firings.addAll(engine.advanceTo(120));
        assertThat(firings).extracting(ResolvedStateTest::describe).containsExactly("Triggered@1", "Resolved@120");
        assertThat(firings.get(1).triggeringLabels()).containsEntry(Resource.ID, "r");
        assertThat(firings.get(1).triggeringEvent()).isNull();
    }

    @Test
    void aReactiveBucketThatFiresAgainInItsNextWindowStaysUnresolved() {
        EngineFixture engine = EngineFixture.of(PINGS);
        List<Firing> firings = new ArrayList<>(engine.feed(event("pinged", "r", 0), event("pinged", "r", 1),
                event("pinged", "r", 70), event("pinged", "r", 71)));
        firings.addAll(engine.advanceTo(200));
        // Second firing in [60, 120); its next window [120, 180) is quiet and resolves at 180.
        assertThat(firings).extracting(ResolvedStateTest::describe)
                .containsExactly("Triggered@1", "Triggered@71", "Resolved@180");
    }

    @Test
    void anEventAfterTheNextWindowResolvesAtThatWindowsEndEvenBeforeItsTimer() {
        EngineFixture engine = EngineFixture.of(PINGS);
        engine.feed(event("pinged", "r", 0), event("pinged", "r", 1));
        List<Firing> firings = engine.engine.onEvent(engine.index, Workspaces.DEFAULT, event("pinged", "r", 130),
                engine.state).stream().map(AutomationFiring::firing).toList();
        assertThat(firings).extracting(ResolvedStateTest::describe).containsExactly("Resolved@120");
        // The late event opened a fresh window of its own, not waiting to resolve.
        assertThat(engine.advanceTo(400)).isEmpty();
    }

    @Test
    void reactiveBucketsThatNeverFiredArmNoTimers() {
        EngineFixture engine = EngineFixture.of(PINGS);
        engine.feed(event("pinged", "r", 0));
        assertThat(engine.state.timers()).isEmpty();
    }

    @Test
    void resolutionIdsAreDeterministicAndDifferFromTheFiring() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Reactive", "expect": ["pinged"], "threshold": 1, "within": 60}""");
        ReceivedEvent ping = event("pinged", "r", 0);
        List<Firing> first = roundTrip(engine, ping, new InMemoryEngineState());
        List<Firing> again = roundTrip(engine, ping, new InMemoryEngineState());
        assertThat(first).extracting(ResolvedStateTest::describe).containsExactly("Triggered@0", "Resolved@120");
        assertThat(first.get(1).id()).isEqualTo(again.get(1).id()).isNotEqualTo(first.get(0).id());
    }

    private static List<Firing> roundTrip(EngineFixture engine, ReceivedEvent event, InMemoryEngineState state) {
        List<Firing> firings = new ArrayList<>();
        engine.engine.onEvent(engine.index, Workspaces.DEFAULT, event, state).forEach(f -> firings.add(f.firing()));
        engine.engine.onTime(engine.index, EngineFixture.at(500), state).forEach(f -> firings.add(f.firing()));
        return firings;
    }

    @Test
    void aCompoundResolvesWhenTheChildThatCompletedItResolves() {
        EngineFixture engine = EngineFixture.of("""
                {"type": "compound", "require": "all", "within": null, "triggers": [
                  {"posture": "Reactive", "expect": ["pinged"], "threshold": 1, "within": 60},
                  {"posture": "Reactive", "expect": ["replied"], "threshold": 1, "within": 60}]}""");
        List<Firing> firings = new ArrayList<>(engine.feed(event("pinged", "r", 0), event("replied", "r", 10)));
        // "pinged" resolves at 120 (the window after [.., 60)), which leaves the compound as it is;
        // "replied", which completed it, resolves at 130 (the window after [.., 70)).
        firings.addAll(engine.advanceTo(125));
        assertThat(firings).extracting(ResolvedStateTest::describe).containsExactly("Triggered@10");
        firings.addAll(engine.advanceTo(300));
        assertThat(firings).extracting(ResolvedStateTest::describe).containsExactly("Triggered@10", "Resolved@130");
        assertThat(firings.get(1).triggeringFirings()).singleElement()
                .satisfies(child -> assertThat(child.triggerState()).isEqualTo(FiringState.Resolved));
    }

    @Test
    void aNestedCompositeResolvesThroughEveryLevel() {
        EngineFixture engine = EngineFixture.of("""
                {"type": "sequence", "within": null, "triggers": [
                  {"posture": "Reactive", "expect": ["opened"], "threshold": 1, "within": 60},
                  {"type": "compound", "require": "any", "within": null, "triggers": [
                    {"posture": "Proactive", "expect": ["closed"], "threshold": 1, "within": 100}]}]}""")
                .loadedAt(0);
        List<Firing> firings = new ArrayList<>(engine.feed(event("opened", "d", 50)));
        firings.addAll(engine.advanceTo(100));
        firings.addAll(engine.feed(event("closed", "d", 130)));
        // opened fires at 50; the silent proactive window [0, 100) completes the sequence at 100;
        // "closed" resolves the proactive child, hence the compound, hence the sequence.
        assertThat(firings).extracting(ResolvedStateTest::describe).containsExactly("Triggered@100", "Resolved@130");
    }
}
