package dev.vigil.model.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.action.Action;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.action.PauseDeployment;
import dev.vigil.model.action.RunDeployment;
import dev.vigil.model.action.TargetSource;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Trigger;
import dev.vigil.model.validation.ModelProblem;
import dev.vigil.model.validation.ModelValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AutomationRulesTest {

    private final AutomationRules rules = new AutomationRules(
            template -> template.contains("{% for x in %}") ? Optional.of("unexpected end of for") : Optional.empty());

    private static Trigger trigger(String json) throws Exception {
        return VigilJson.mapper().readValue(json, Trigger.class);
    }

    private Trigger validate(Trigger trigger, List<Action> actions) {
        return rules.validate("a", true, trigger, actions, List.of(), List.of());
    }

    private List<ModelProblem> problems(Trigger trigger, List<Action> actions) {
        try {
            validate(trigger, actions);
            return List.of();
        } catch (ModelValidationException e) {
            return e.problems();
        }
    }

    @Test
    void proactiveWithinOfZeroBecomesTenSeconds() throws Exception {
        EventTrigger normalised = (EventTrigger) validate(trigger("{\"posture\":\"Proactive\"}"), List.of());
        assertThat(normalised.within()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void proactiveWithinUnderTenSecondsIsRefused() throws Exception {
        assertThat(problems(trigger("{\"posture\":\"Proactive\",\"within\":5}"), List.of()))
                .extracting(ModelProblem::loc).containsExactly(List.of("trigger", "within"));
    }

    @Test
    void nameLongerThanTheIndexAllowsIsRefused() throws Exception {
        Trigger reactive = trigger("{\"posture\":\"Reactive\"}");
        String longName = "n".repeat(AutomationRules.MAX_NAME_LENGTH + 1);
        assertThatThrownBy(() -> rules.validate(longName, true, reactive, List.of(), List.of(), List.of()))
                .isInstanceOfSatisfying(ModelValidationException.class, e -> assertThat(e.problems())
                        .extracting(ModelProblem::type).containsExactly("string_too_long"));
        rules.validate("n".repeat(AutomationRules.MAX_NAME_LENGTH), true, reactive, List.of(), List.of(), List.of());
    }

    @Test
    void nullNamesInExpectAfterOrForEachAreRefusedWithTheirIndex() throws Exception {
        assertThat(problems(trigger("{\"posture\":\"Reactive\",\"expect\":[\"a\",null],\"for_each\":[null]}"),
                List.of())).extracting(ModelProblem::loc)
                .containsExactly(List.of("trigger", "expect", 1), List.of("trigger", "for_each", 0));
    }

    @Test
    void aNullActionIsRefusedWithItsIndex() throws Exception {
        List<Action> actions = new java.util.ArrayList<>();
        actions.add(null);
        assertThat(problems(trigger("{\"posture\":\"Reactive\"}"), actions))
                .extracting(ModelProblem::loc).containsExactly(List.of("actions", 0));
    }

    @Test
    void negativeWithinIsRefused() throws Exception {
        assertThat(problems(trigger("{\"posture\":\"Reactive\",\"within\":-1}"), List.of()))
                .extracting(ModelProblem::type).containsExactly("greater_than_equal");
    }

    @Test
    void missingPostureIsRefused() throws Exception {
        assertThat(problems(trigger("{\"expect\":[\"a\"]}"), List.of()))
                .extracting(ModelProblem::loc).containsExactly(List.of("trigger", "posture"));
    }

    @Test
    void compoundRequireMustFitTheChildren() throws Exception {
        String children = "[{\"posture\":\"Reactive\"},{\"posture\":\"Reactive\"}]";
        assertThat(problems(trigger("{\"type\":\"compound\",\"require\":3,\"triggers\":" + children + "}"), List.of()))
                .extracting(ModelProblem::loc).containsExactly(List.of("trigger", "require"));
        assertThat(problems(trigger("{\"type\":\"compound\",\"require\":\"most\",\"triggers\":" + children + "}"),
                List.of())).hasSize(1);
        assertThat(problems(trigger("{\"type\":\"compound\",\"require\":2,\"triggers\":" + children + "}"), List.of()))
                .isEmpty();
    }

    @Test
    void nestedChildProblemsAreLocated() throws Exception {
        String json = "{\"type\":\"sequence\",\"triggers\":[{\"posture\":\"Reactive\"},"
                + "{\"posture\":\"Proactive\",\"within\":3}]}";
        assertThat(problems(trigger(json), List.of())).extracting(ModelProblem::loc)
                .containsExactly(List.of("trigger", "triggers", 1, "within"));
    }

    @Test
    void metricRangeAndFiringForNeedFiveMinutes() throws Exception {
        String json = "{\"type\":\"metric\",\"metric\":{\"name\":\"lateness\",\"threshold\":1,\"operator\":\">\","
                + "\"range\":60,\"firing_for\":120}}";
        assertThat(problems(trigger(json), List.of())).extracting(ModelProblem::loc).containsExactly(
                List.of("trigger", "metric", "range"), List.of("trigger", "metric", "firing_for"));
    }

    @Test
    void metricNameOperatorAndThresholdAreRequiredAndChecked() throws Exception {
        assertThat(problems(trigger("{\"type\":\"metric\",\"posture\":\"Metric\",\"metric\":{}}"), List.of()))
                .extracting(ModelProblem::loc).containsExactly(List.of("trigger", "metric", "name"),
                        List.of("trigger", "metric", "operator"), List.of("trigger", "metric", "threshold"));
        String bad = "{\"type\":\"metric\",\"posture\":\"Metric\",\"metric\":{\"name\":\"failures\","
                + "\"threshold\":1,\"operator\":\"==\"}}";
        assertThat(problems(trigger(bad), List.of())).extracting(ModelProblem::loc, ModelProblem::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("trigger", "metric", "name"), "literal_error"),
                        org.assertj.core.groups.Tuple.tuple(List.of("trigger", "metric", "operator"), "literal_error"));
    }

    @Test
    void metricTriggerNeedsTheMetricPostureAndStandsAlone() throws Exception {
        String query = "\"metric\":{\"name\":\"successes\",\"threshold\":0.9,\"operator\":\"<\"}";
        assertThat(problems(trigger("{\"type\":\"metric\",\"posture\":\"Reactive\"," + query + "}"), List.of()))
                .extracting(ModelProblem::loc).containsExactly(List.of("trigger", "posture"));
        assertThat(problems(trigger("{\"type\":\"metric\"," + query + "}"), List.of())).isEmpty();
        String nested = "{\"type\":\"compound\",\"require\":\"any\",\"triggers\":[{\"type\":\"metric\"," + query + "}]}";
        assertThat(problems(trigger(nested), List.of())).extracting(ModelProblem::loc)
                .containsExactly(List.of("trigger", "triggers", 0, "type"));
    }

    @Test
    void selectedSourceNeedsItsTargetAndInferredForbidsIt() throws Exception {
        Trigger reactive = trigger("{\"posture\":\"Reactive\"}");
        assertThat(problems(reactive, List.of(new PauseDeployment(TargetSource.SELECTED, null))))
                .extracting(ModelProblem::loc).containsExactly(List.of("actions", 0, "deployment_id"));
        assertThat(problems(reactive, List.of(new PauseDeployment(TargetSource.INFERRED, UUID.randomUUID()))))
                .extracting(ModelProblem::loc).containsExactly(List.of("actions", 0, "deployment_id"));
        assertThat(problems(reactive, List.of(new PauseDeployment(TargetSource.INFERRED, null)))).isEmpty();
    }

    @Test
    void templatesInActionFieldsMustParse() throws Exception {
        assertThat(problems(trigger("{\"posture\":\"Reactive\"}"),
                List.of(new CallWebhook(UUID.randomUUID(), "{% for x in %}"))))
                .extracting(ModelProblem::loc).containsExactly(List.of("actions", 0, "payload"));
    }

    @Test
    void runDeploymentReactingToFlowRunsStartingIsALoop() throws Exception {
        Trigger running = trigger("{\"posture\":\"Reactive\",\"expect\":[\"prefect.flow-run.Running\"]}");
        RunDeployment inferred = new RunDeployment(TargetSource.INFERRED, null, null, null, null);
        assertThatThrownBy(() -> validate(running, List.of(inferred))).isInstanceOf(ModelValidationException.class);
        assertThat(rules.validate("a", false, running, List.of(inferred), List.of(), List.of())).isNotNull();
        RunDeployment selected = new RunDeployment(TargetSource.SELECTED, UUID.randomUUID(), null, null, null);
        assertThat(problems(running, List.of(selected))).hasSize(1);
        Trigger oneFlow = trigger("{\"posture\":\"Reactive\",\"expect\":[\"prefect.flow-run.Running\"],"
                + "\"match_related\":{\"prefect.resource.id\":\"prefect.flow.1234\"}}");
        assertThat(problems(oneFlow, List.of(selected))).isEmpty();
    }
}
