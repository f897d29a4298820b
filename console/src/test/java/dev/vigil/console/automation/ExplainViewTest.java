package dev.vigil.console.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;

/** A composite's explain answer becomes a tree of verdicts, flattened in order for the page's nested lists. */
class ExplainViewTest {

    static final String COMPOSITE = """
            {"event": "flow.failed", "outcome": "nothing", "already_seen": false, "triggers": [
               {"trigger_id": "a", "expect": {"patterns": ["flow.failed"], "matched": "flow.failed", "pass": true},
                "match": [], "match_related": [], "outcome": "count", "reason": "1 of 2"},
               {"trigger_id": "b", "expect": {"patterns": ["flow.retried"], "matched": null, "pass": false},
                "match": [], "match_related": [], "outcome": "nothing", "reason": "the event name does not match"}],
             "composite": {"trigger_id": "root", "type": "compound", "require": "all", "required": 2, "within": 600,
               "held_before": [], "held_after": [], "outcome": "nothing", "reason": "no child fired",
               "children": [
                 {"trigger_id": "a", "expect": {"patterns": ["flow.failed"]}, "outcome": "count", "reason": "1 of 2"},
                 {"trigger_id": "seq", "type": "sequence", "order": ["b"], "held_before": [],
                  "held_after": [{"trigger_id": "b", "triggered": "2026-12-07T04:00:00Z"}],
                  "outcome": "hold", "reason": "1 child firing(s) held of 1 needed",
                  "children": [{"trigger_id": "b", "expect": {"patterns": ["flow.retried"]}, "outcome": "nothing",
                                "reason": "the event name does not match"}]}]}}""";

    @Test
    void aCompositeBecomesANestedTreeOfVerdicts() throws Exception {
        ExplainView view = ExplainView.of(VigilJson.mapper().readTree(COMPOSITE));
        assertThat(view.tree()).extracting(ExplainView.TreeNode::kind)
                .containsExactly("start", "leaf", "start", "leaf", "end", "end");
        assertThat(view.tree().get(0).label()).isEqualTo("compound: 2 of 2 (require all), within 600 s");
        assertThat(view.tree().get(1).label()).isEqualTo("event trigger on flow.failed");
        assertThat(view.tree().get(2).label()).isEqualTo("sequence of 1 in order, 1 child firing held");
        assertThat(view.tree().get(2).outcome()).isEqualTo("hold");
        assertThat(view.tree().get(3).triggerId()).isEqualTo("b");
        assertThat(view.tree().get(3).reason()).isEqualTo("the event name does not match");
    }

    @Test
    void anEventTriggerHasNoTree() throws Exception {
        ExplainView view = ExplainView.of(VigilJson.mapper().readTree("""
                {"event": "x", "outcome": "nothing", "triggers": []}"""));
        assertThat(view.tree()).isEmpty();
    }
}
