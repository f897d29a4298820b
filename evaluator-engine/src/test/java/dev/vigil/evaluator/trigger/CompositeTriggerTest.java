package dev.vigil.evaluator.trigger;

import static dev.vigil.evaluator.trigger.EngineFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.firing.Firing;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeTriggerTest {

    private static String compound(String require, String within) {
        return """
                {"type": "compound", "require": %s, "within": %s, "triggers": [
                  {"posture": "Reactive", "expect": ["pinged"]},
                  {"posture": "Reactive", "expect": ["replied"]},
                  {"posture": "Reactive", "expect": ["closed"]}]}""".formatted(require, within);
    }

    @Test
    void compoundAnyFiresOnTheFirstChild() {
        EngineFixture engine = EngineFixture.of(compound("\"any\"", "null"));
        assertThat(engine.feed(event("replied", "r", 5))).singleElement()
                .satisfies(f -> assertThat(f.triggeringFirings()).hasSize(1));
    }

    @Test
    void compoundAllWaitsForEveryChildAndCarriesTheirFirings() {
        EngineFixture engine = EngineFixture.of(compound("\"all\"", "null"));
        assertThat(engine.feed(event("pinged", "r", 0), event("closed", "r", 10))).isEmpty();
        List<Firing> firings = engine.feed(event("replied", "r", 20));
        assertThat(firings).singleElement().satisfies(f -> {
            assertThat(f.triggeringFirings()).hasSize(3);
            assertThat(f.triggeringEvent().event()).isEqualTo("replied");
            assertThat(EngineFixture.secondsOf(f)).isEqualTo(20);
        });
    }

    @Test
    void compoundWithACountFiresWhenThatManyChildrenFired() {
        EngineFixture engine = EngineFixture.of(compound("2", "null"));
        assertThat(engine.feed(event("pinged", "r", 0))).isEmpty();
        assertThat(engine.feed(event("closed", "r", 1))).hasSize(1);
    }

    @Test
    void childFiringsAreClearedAfterTheParentFires() {
        EngineFixture engine = EngineFixture.of(compound("2", "null"));
        engine.feed(event("pinged", "r", 0), event("closed", "r", 1));
        assertThat(engine.feed(event("replied", "r", 2))).isEmpty();
    }

    @Test
    void compoundWithinIsJudgedInEventTime() {
        EngineFixture engine = EngineFixture.of(compound("2", "60"));
        assertThat(engine.feed(event("pinged", "r", 0), event("closed", "r", 61))).isEmpty();
        assertThat(engine.feed(event("replied", "r", 100))).hasSize(1);
    }

    @Test
    void aRepeatedChildKeepsOnlyItsLatestFiring() {
        EngineFixture engine = EngineFixture.of(compound("2", "null"));
        assertThat(engine.feed(event("pinged", "r", 0), event("pinged", "r", 1))).isEmpty();
    }

    private static final String SEQUENCE = """
            {"type": "sequence", "within": null, "triggers": [
              {"posture": "Reactive", "expect": ["first"]},
              {"posture": "Reactive", "expect": ["second"]}]}""";

    @Test
    void sequenceFiresWhenChildrenFireInOrder() {
        EngineFixture engine = EngineFixture.of(SEQUENCE);
        assertThat(engine.feed(event("first", "r", 0), event("second", "r", 5))).hasSize(1);
    }

    @Test
    void sequenceOutOfOrderWaitsForTheOrderToBeRestored() {
        EngineFixture engine = EngineFixture.of(SEQUENCE);
        assertThat(engine.feed(event("second", "r", 0), event("first", "r", 5))).isEmpty();
        assertThat(engine.feed(event("second", "r", 10))).hasSize(1);
    }

    @Test
    void sequenceOrderUsesEventTimeNotArrivalOrder() {
        EngineFixture engine = EngineFixture.of(SEQUENCE);
        // "second" arrives first but happened later: in event time the order is first, second.
        assertThat(engine.feed(event("second", "r", 10), event("first", "r", 5))).hasSize(1);
    }

    @Test
    void compositesNestToAnyDepth() {
        EngineFixture engine = EngineFixture.of("""
                {"type": "sequence", "within": null, "triggers": [
                  {"posture": "Reactive", "expect": ["opened"]},
                  {"type": "compound", "require": "all", "within": null, "triggers": [
                    {"posture": "Reactive", "expect": ["approved"]},
                    {"posture": "Reactive", "expect": ["tested"]}]}]}""");
        assertThat(engine.feed(event("opened", "pr", 0), event("approved", "pr", 5))).isEmpty();
        List<Firing> firings = engine.feed(event("tested", "pr", 9));
        assertThat(firings).singleElement().satisfies(f -> {
            assertThat(f.triggeringFirings()).hasSize(2);
            assertThat(f.triggeringFirings().get(1).triggeringFirings()).hasSize(2);
        });
    }

    @Test
    void aProactiveChildFiresItsParentAtTheWindowEnd() {
        EngineFixture engine = EngineFixture.of("""
                {"type": "compound", "require": "all", "within": 600, "triggers": [
                  {"posture": "Reactive", "expect": ["alert"]},
                  {"posture": "Proactive", "expect": ["heartbeat"], "within": 60}]}""").loadedAt(0);
        engine.feed(event("alert", "svc", 30));
        assertThat(engine.advanceTo(60)).singleElement()
                .satisfies(f -> assertThat(EngineFixture.secondsOf(f)).isEqualTo(60));
    }
}
