package dev.vigil.evaluator.trigger;

import static dev.vigil.evaluator.trigger.EngineFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.evaluator.bucket.CompositeKey;
import dev.vigil.evaluator.trigger.Explanation.CompositeVerdict;
import dev.vigil.evaluator.trigger.Explanation.HeldChild;
import dev.vigil.evaluator.trigger.Explanation.TriggerVerdict;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.Workspaces;
import org.junit.jupiter.api.Test;

/** {@code explain} on compound and sequence automations: a verdict per child, and the composite's own view. */
class CompositeExplainerTest {

    private final EventExplainer explainer = new EventExplainer();

    private Explanation explain(EngineFixture engine, ReceivedEvent event) {
        return explainer.explain(engine.index, Workspaces.DEFAULT, event, engine.state, false);
    }

    @Test
    void aCompoundShowsTheMatchingChildsCountAndTheOtherChildsFailingNameAndHoldsTheFiring() {
        EngineFixture engine = EngineFixture.of("""
                {"type": "compound", "require": "all", "within": 60, "triggers": [
                  {"posture": "Reactive", "expect": ["approved"], "threshold": 1, "within": 0},
                  {"posture": "Reactive", "expect": ["tested"], "threshold": 1, "within": 0}]}""");
        Explanation explanation = explain(engine, event("approved", "pr", 0));
        CompositeVerdict compound = explanation.composite();
        assertThat(compound.type()).isEqualTo("compound");
        assertThat(compound.require()).isEqualTo("all");
        assertThat(compound.required()).isEqualTo(2);
        assertThat(compound.within()).isEqualTo(60.0);
        assertThat(compound.children()).hasSize(2);
        TriggerVerdict approved = (TriggerVerdict) compound.children().get(0);
        TriggerVerdict tested = (TriggerVerdict) compound.children().get(1);
        assertThat(approved.expect().matched()).isEqualTo("approved");
        assertThat(approved.outcome()).isEqualTo("fire");
        assertThat(tested.expect().pass()).isFalse();
        assertThat(tested.outcome()).isEqualTo("nothing");
        assertThat(tested.reason()).contains("neither expect nor after");
        assertThat(compound.heldBefore()).isEmpty();
        assertThat(compound.heldAfter()).extracting(HeldChild::triggerId).containsExactly(approved.triggerId());
        assertThat(compound.outcome()).isEqualTo("hold");
        assertThat(compound.reason()).contains("1 child firing(s) held of 2 needed");
        assertThat(explanation.outcome()).isEqualTo("nothing");
        // The flat per-trigger list is kept as for an event trigger.
        assertThat(explanation.triggers()).containsExactly(approved, tested);
    }

    @Test
    void aCompoundHoldingOneChildFiresOnTheOther() {
        EngineFixture engine = EngineFixture.of("""
                {"type": "compound", "require": "all", "within": null, "triggers": [
                  {"posture": "Reactive", "expect": ["approved"], "threshold": 1, "within": 0},
                  {"posture": "Reactive", "expect": ["tested"], "threshold": 1, "within": 0}]}""");
        engine.feed(event("approved", "pr", 0));
        Explanation explanation = explain(engine, event("tested", "pr", 5));
        CompositeVerdict compound = explanation.composite();
        assertThat(compound.heldBefore()).hasSize(1);
        assertThat(compound.outcome()).isEqualTo("fire");
        assertThat(compound.firedBy().triggerId()).isEqualTo(compound.children().get(1).triggerId());
        assertThat(explanation.outcome()).isEqualTo("fire");
        assertThat(engine.state.childFirings(new CompositeKey(Workspaces.DEFAULT,
                engine.index.automations().get(0).automation().id(), compound.triggerId()))).hasSize(1);
    }

    @Test
    void aSequenceShowsItsDeclaredOrderAndWhatItHolds() {
        EngineFixture engine = EngineFixture.of("""
                {"type": "sequence", "within": null, "triggers": [
                  {"posture": "Reactive", "expect": ["first"], "threshold": 1, "within": 0},
                  {"posture": "Reactive", "expect": ["second"], "threshold": 1, "within": 0}]}""");
        Explanation explanation = explain(engine, event("first", "r", 0));
        CompositeVerdict sequence = explanation.composite();
        assertThat(sequence.type()).isEqualTo("sequence");
        assertThat(sequence.require()).isNull();
        assertThat(sequence.order()).containsExactly(sequence.children().get(0).triggerId(),
                sequence.children().get(1).triggerId());
        assertThat(sequence.children()).extracting(Explanation.ChildVerdict::outcome).containsExactly("fire", "nothing");
        assertThat(sequence.outcome()).isEqualTo("hold");
        assertThat(sequence.reason()).contains("in the declared order");
        engine.feed(event("first", "r", 0));
        CompositeVerdict completed = explain(engine, event("second", "r", 5)).composite();
        assertThat(completed.outcome()).isEqualTo("fire");
        assertThat(completed.reason()).contains("declared order");
    }

    @Test
    void aNestedCompositeIsExplainedRecursively() {
        EngineFixture engine = EngineFixture.of("""
                {"type": "sequence", "within": null, "triggers": [
                  {"posture": "Reactive", "expect": ["opened"], "threshold": 1, "within": 0},
                  {"type": "compound", "require": "any", "within": null, "triggers": [
                    {"posture": "Reactive", "expect": ["approved"], "match": {"prefect.resource.id": "pr.*"},
                     "threshold": 1, "within": 0},
                    {"posture": "Reactive", "expect": ["tested"], "threshold": 1, "within": 0}]}]}""");
        engine.feed(event("opened", "pr.1", 0));
        Explanation explanation = explain(engine, event("approved", "pr.1", 5));
        CompositeVerdict sequence = explanation.composite();
        assertThat(sequence.heldBefore()).hasSize(1);
        assertThat(sequence.children().get(0)).isInstanceOf(TriggerVerdict.class);
        CompositeVerdict nested = (CompositeVerdict) sequence.children().get(1);
        assertThat(nested.type()).isEqualTo("compound");
        assertThat(nested.required()).isEqualTo(1);
        assertThat(nested.outcome()).isEqualTo("fire");
        TriggerVerdict approved = (TriggerVerdict) nested.children().get(0);
        assertThat(approved.match()).singleElement().satisfies(label -> assertThat(label.pass()).isTrue());
        assertThat(approved.composites()).containsExactly(nested.triggerId(), sequence.triggerId());
        assertThat(sequence.outcome()).isEqualTo("fire");
        assertThat(explanation.outcome()).isEqualTo("fire");

        CompositeVerdict unmatched = (CompositeVerdict) explain(engine, event("approved", "db.1", 5))
                .composite().children().get(1);
        assertThat(unmatched.outcome()).isEqualTo("nothing");
        assertThat(((TriggerVerdict) unmatched.children().get(0)).reason()).contains("match fails");
    }

    @Test
    void anEventTriggerHasNoCompositeInItsJsonAndACompositeListsItsChildren() {
        EngineFixture single = EngineFixture.of("""
                {"posture": "Reactive", "expect": ["pinged"], "threshold": 1, "within": 0}""");
        JsonNode plain = VigilJson.mapper().valueToTree(explain(single, event("pinged", "r", 0)));
        assertThat(plain.has("composite")).isFalse();
        assertThat(plain.get("triggers")).hasSize(1);
        EngineFixture compound = EngineFixture.of("""
                {"type": "compound", "require": 1, "within": null, "triggers": [
                  {"type": "sequence", "within": null, "triggers": [
                    {"posture": "Reactive", "expect": ["a"], "threshold": 1, "within": 0}]},
                  {"posture": "Reactive", "expect": ["b"], "threshold": 1, "within": 0}]}""");
        JsonNode tree = VigilJson.mapper().valueToTree(explain(compound, event("a", "r", 0)));
        assertThat(tree.at("/composite/type").asText()).isEqualTo("compound");
        assertThat(tree.at("/composite/children/0/type").asText()).isEqualTo("sequence");
        assertThat(tree.at("/composite/children/0/children/0/expect/matched").asText()).isEqualTo("a");
        assertThat(tree.at("/composite/children/1/reason").asText()).contains("neither expect nor after");
    }
}
