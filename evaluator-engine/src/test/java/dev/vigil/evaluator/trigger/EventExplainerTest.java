package dev.vigil.evaluator.trigger;

import static dev.vigil.evaluator.trigger.EngineFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.trigger.Explanation.TriggerVerdict;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.Workspaces;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventExplainerTest {

    private final EventExplainer explainer = new EventExplainer();

    private Explanation explain(EngineFixture engine, ReceivedEvent event) {
        return explainer.explain(engine.index, Workspaces.DEFAULT, event, engine.state, false);
    }

    private static TriggerVerdict only(Explanation explanation) {
        assertThat(explanation.triggers()).hasSize(1);
        return explanation.triggers().get(0);
    }

    @Test
    void aFailingMatchLabelIsNamedWithTheValueSeen() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Reactive", "expect": ["pinged"], "match": {"prefect.resource.id": "svc.*"}}""");
        TriggerVerdict verdict = only(explain(engine, event("pinged", "db.1", 0)));
        assertThat(verdict.outcome()).isEqualTo("nothing");
        assertThat(verdict.reason()).contains("prefect.resource.id").contains("db.1");
        assertThat(verdict.match()).singleElement().satisfies(label -> {
            assertThat(label.pass()).isFalse();
            assertThat(label.valuesSeen()).containsExactly("db.1");
            assertThat(label.patterns()).isEqualTo("svc.*");
        });
    }

    @Test
    void theExpectPatternThatMatchedIsNamed() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Reactive", "expect": ["other", "flow-run.*"], "threshold": 5, "within": 60}""");
        TriggerVerdict verdict = only(explain(engine, event("flow-run.Failed", "r", 0)));
        assertThat(verdict.expect().matched()).isEqualTo("flow-run.*");
        assertThat(verdict.expect().pass()).isTrue();
        assertThat(verdict.after().matched()).isNull();
    }

    @Test
    void aNameMatchingNeitherExpectNorAfterDoesNothing() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Reactive", "expect": ["pinged"]}""");
        Explanation explanation = explain(engine, event("replied", "r", 0));
        assertThat(only(explanation).outcome()).isEqualTo("nothing");
        assertThat(only(explanation).reason()).contains("neither expect nor after");
        assertThat(explanation.outcome()).isEqualTo("nothing");
    }

    @Test
    void aCountingEventShowsItsBucketAndCountAgainstTheThreshold() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Reactive", "expect": ["pinged"], "for_each": ["prefect.resource.id"],
                 "threshold": 3, "within": 60}""");
        engine.feed(event("pinged", "r", 0));
        TriggerVerdict verdict = only(explain(engine, event("pinged", "r", 10)));
        assertThat(verdict.outcome()).isEqualTo("count");
        assertThat(verdict.bucket()).containsEntry(Resource.ID, "r");
        assertThat(verdict.bucketBefore().count()).isEqualTo(1);
        assertThat(verdict.bucketAfter().count()).isEqualTo(2);
        assertThat(verdict.threshold()).isEqualTo(3);
        assertThat(verdict.reason()).contains("count 2 of threshold 3");
    }

    @Test
    void theEventThatReachesTheThresholdWouldFireTheAutomation() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Reactive", "expect": ["pinged"], "threshold": 2, "within": 60}""");
        engine.feed(event("pinged", "r", 0));
        Explanation explanation = explain(engine, event("pinged", "r", 10));
        assertThat(only(explanation).outcome()).isEqualTo("fire");
        assertThat(explanation.outcome()).isEqualTo("fire");
    }

    @Test
    void explainingChangesNoState() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Reactive", "expect": ["pinged"], "threshold": 2, "within": 60}""");
        engine.feed(event("pinged", "r", 0));
        var before = engine.state.all();
        explain(engine, event("pinged", "r", 10));
        assertThat(engine.state.all()).isEqualTo(before);
        // So the real event still fires.
        assertThat(engine.feed(event("pinged", "r", 10))).hasSize(1);
    }

    @Test
    void anAfterEventOpensTheWindowAndAnExpectedOneWithoutItWaits() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Proactive", "after": ["job.started"], "expect": ["job.completed"],
                 "for_each": ["prefect.resource.id"], "threshold": 1, "within": 300}""");
        assertThat(only(explain(engine, event("job.started", "job.a", 0))).outcome()).isEqualTo("open-window");
        TriggerVerdict waiting = only(explain(engine, event("job.completed", "job.a", 10)));
        assertThat(waiting.outcome()).isEqualTo("nothing");
        assertThat(waiting.reason()).contains("waits for an after event");
    }

    @Test
    void matchRelatedReportsEveryRelatedValueSeen() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Reactive", "expect": ["pinged"],
                 "match_related": {"prefect.resource.role": "flow", "prefect.resource.name": "etl-*"}}""");
        OffsetDateTime at = EngineFixture.T0;
        ReceivedEvent event = new ReceivedEvent(at, "pinged", Resource.of("r"), List.of(
                new RelatedResource(Map.of(Resource.ID, "prefect.flow.1", Resource.ROLE, "flow",
                        "prefect.resource.name", "report")),
                new RelatedResource(Map.of(Resource.ID, "prefect.tag.x", Resource.ROLE, "tag"))),
                Map.of(), UUID.randomUUID(), null, at);
        TriggerVerdict verdict = only(explain(engine, event));
        assertThat(verdict.outcome()).isEqualTo("nothing");
        assertThat(verdict.matchRelated()).singleElement().satisfies(spec -> {
            assertThat(spec.pass()).isFalse();
            assertThat(spec.labels()).anySatisfy(label -> {
                assertThat(label.label()).isEqualTo(Resource.ROLE);
                assertThat(label.valuesSeen()).containsExactly("flow", "tag");
                assertThat(label.pass()).isTrue();
            });
            assertThat(spec.labels()).anySatisfy(label -> {
                assertThat(label.label()).isEqualTo("prefect.resource.name");
                assertThat(label.pass()).isFalse();
            });
        });
    }

    @Test
    void aFiredProactiveBucketWouldResolve() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Proactive", "expect": ["heartbeat"], "threshold": 1, "within": 60}""").loadedAt(0);
        engine.advanceTo(60);
        Explanation explanation = explain(engine, event("heartbeat", "svc", 70));
        assertThat(only(explanation).outcome()).isEqualTo("resolve");
        assertThat(explanation.outcome()).isEqualTo("resolve");
    }

    @Test
    void aRedeliveredEventDoesNothing() {
        EngineFixture engine = EngineFixture.of("""
                {"posture": "Reactive", "expect": ["pinged"]}""");
        Explanation explanation = explainer.explain(engine.index, Workspaces.DEFAULT, event("pinged", "r", 0),
                engine.state, true);
        assertThat(explanation.alreadySeen()).isTrue();
        assertThat(only(explanation).reason()).contains("already counted");
    }
}
