package dev.vigil.evaluator.trigger;

import static dev.vigil.evaluator.trigger.EngineFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProactiveTriggerTest {

    private static final String HEARTBEAT = """
            {"posture": "Proactive", "expect": ["heartbeat"], "threshold": 1, "within": 60}""";

    @Test
    void silenceFiresExactlyAtTheWindowEnd() {
        EngineFixture engine = EngineFixture.of(HEARTBEAT).loadedAt(0);
        assertThat(engine.advanceTo(59)).isEmpty();
        assertThat(engine.advanceTo(60)).singleElement()
                .satisfies(f -> assertThat(EngineFixture.secondsOf(f)).isEqualTo(60));
    }

    @Test
    void anExpectedEventInTheWindowPreventsTheFiring() {
        EngineFixture engine = EngineFixture.of(HEARTBEAT).loadedAt(0);
        assertThat(engine.feed(event("heartbeat", "svc", 30))).isEmpty();
        assertThat(engine.advanceTo(60)).isEmpty();
    }

    @Test
    void aSatisfiedUnkeyedWindowIsFollowedAtOnceByTheNext() {
        EngineFixture engine = EngineFixture.of(HEARTBEAT).loadedAt(0);
        engine.feed(event("heartbeat", "svc", 30));
        // No unwatched gap: the window after [0, 60) is [60, 120), which stays silent and fires at 120.
        assertThat(engine.advanceTo(125)).extracting(EngineFixture::secondsOf).containsExactly(120L);
    }

    @Test
    void silentWindowsFireOncePerWindow() {
        EngineFixture engine = EngineFixture.of(HEARTBEAT).loadedAt(0);
        assertThat(engine.advanceTo(200)).extracting(EngineFixture::secondsOf).containsExactly(60L, 120L, 180L);
    }

    @Test
    void switchedOffPastItsWindowEndAndOnAgainItStartsAFreshWindow() {
        EngineFixture engine = EngineFixture.of(HEARTBEAT).loadedAt(0);
        // Switched off: the window's timer comes due while the trigger is not in the index.
        assertThat(engine.engine.onTime(new TriggerIndex(List.of()), EngineFixture.at(60), engine.state)).isEmpty();
        // Switched on again at 90: loaded again, it watches [90, 150) and fires at its end.
        engine.loadedAt(90);
        assertThat(engine.advanceTo(149)).isEmpty();
        assertThat(engine.advanceTo(150)).extracting(EngineFixture::secondsOf).containsExactly(150L);
    }

    @Test
    void aStaleTimerOfAFiredBucketWithAfterDoesNotFireAgain() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Proactive", "after": ["job.started"], "expect": ["job.completed"],
                 "for_each": ["prefect.resource.id"], "threshold": 1, "within": 60}""").loadedAt(0);
        engine.feed(event("job.started", "job.a", 10));
        assertThat(engine.advanceTo(70)).hasSize(1);
        // Another replica read the timer before the firing committed, and evaluates it after.
        BucketKey key = engine.index.entries().get(0).evaluator().bucketKey(event("job.started", "job.a", 10));
        assertThat(engine.engine.onTimer(engine.index, key, EngineFixture.at(71), engine.state)).isEmpty();
        assertThat(engine.feed(event("job.completed", "job.a", 80))).singleElement()
                .satisfies(f -> assertThat(f.triggerState()).isEqualTo(FiringState.Resolved));
    }

    @Test
    void forEachWithAfterWatchesEachKeyFromItsAfterEvent() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Proactive", "after": ["job.started"], "expect": ["job.completed"],
                 "for_each": ["prefect.resource.id"], "threshold": 1, "within": 300}""").loadedAt(0);
        List<Firing> firings = new ArrayList<>(engine.feed(
                event("job.started", "job.a", 10),
                event("job.started", "job.b", 20),
                event("job.completed", "job.a", 100)));
        firings.addAll(engine.advanceTo(1000));
        // The bucket keeps its last event for this: a proactive firing carries it as the triggering event.
        assertThat(firings).singleElement().satisfies(f -> {
            assertThat(f.triggeringLabels()).containsEntry(Resource.ID, "job.b");
            assertThat(EngineFixture.secondsOf(f)).isEqualTo(320);
            assertThat(f.triggeringEvent().event()).isEqualTo("job.started");
        });
    }

    @Test
    void unkeyedAfterTriggerWaitsForItsAfterEvent() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Proactive", "after": ["deploy.started"], "expect": ["deploy.finished"],
                 "threshold": 1, "within": 60}""").loadedAt(0);
        assertThat(engine.advanceTo(500)).isEmpty();
        engine.feed(event("deploy.started", "d", 600));
        assertThat(engine.advanceTo(700)).extracting(EngineFixture::secondsOf).containsExactly(660L);
    }

    @Test
    void aLateEventAfterTheWindowFiresAndStartsTheNext() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Proactive", "expect": ["ping"], "for_each": ["prefect.resource.id"],
                 "threshold": 2, "within": 60}""").loadedAt(0);
        // for_each buckets start at their first event; one ping in [t-15min, 60) is below 2.
        List<Firing> firings = engine.feed(event("ping", "r", 0), event("ping", "r", 90));
        // The ping at 90 arrives for the fired bucket, so it also resolves it (ResolvedStateTest).
        assertThat(firings).extracting(f -> f.triggerState() + "@" + EngineFixture.secondsOf(f))
                .containsExactly("Triggered@60", "Resolved@90");
    }

    @Test
    void aHeartbeatThatIsBothAfterAndExpectedRestartsTheWindow() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Proactive", "after": ["beat"], "expect": ["beat"], "threshold": 1, "within": 60}""")
                .loadedAt(0);
        engine.feed(event("beat", "h", 0), event("beat", "h", 50), event("beat", "h", 100));
        assertThat(engine.advanceTo(159)).isEmpty();
        assertThat(engine.advanceTo(161)).extracting(EngineFixture::secondsOf).containsExactly(160L);
    }
}
