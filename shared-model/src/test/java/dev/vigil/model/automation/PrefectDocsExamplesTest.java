package dev.vigil.model.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.model.action.CancelFlowRun;
import dev.vigil.model.action.RunDeployment;
import dev.vigil.model.action.SendNotification;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.trigger.CompoundTrigger;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes of the automations in Prefect's docs parse, validate and round-trip. */
class PrefectDocsExamplesTest {

    private final ObjectMapper json = VigilJson.mapper();
    private final ObjectMapper yaml = VigilJson.configure(new ObjectMapper(new YAMLFactory()));
    private final AutomationRules rules = new AutomationRules(template -> java.util.Optional.empty());

    private Automation read(String resource) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/prefect-docs/" + resource)) {
            return json.readValue(in, Automation.class);
        }
    }

    private void assertValidAndRoundTrips(Automation automation) throws Exception {
        rules.validate(automation.name(), automation.enabled(), automation.trigger(), automation.actions(),
                automation.actionsOnTrigger(), automation.actionsOnResolve());
        assertThat(json.readValue(json.writeValueAsString(automation), Automation.class)).isEqualTo(automation);
    }

    @Test
    void woodchonkTriggerWithoutTypeIsAnEventTrigger() throws Exception {
        Automation automation = read("woodchonk.json");
        EventTrigger trigger = (EventTrigger) automation.trigger();
        assertThat(trigger.threshold()).isEqualTo(3);
        assertThat(trigger.within()).isEqualTo(Duration.ofSeconds(10));
        assertThat(trigger.match().asMap()).containsEntry("genus", "Marmota");
        assertThat(automation.actions()).singleElement().isInstanceOf(CancelFlowRun.class);
        assertValidAndRoundTrips(automation);
    }

    @Test
    void automationYamlWithSeveralAutomationsParses() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/prefect-docs/automation.yaml")) {
            root = yaml.readTree(in);
        }
        List<Automation> automations = new ArrayList<>();
        for (JsonNode item : root.get("automations")) {
            automations.add(json.treeToValue(item, Automation.class));
        }
        assertThat(automations).extracting(Automation::name)
                .containsExactly("Cancel Long Running Flows", "Notify on failure");
        EventTrigger cancel = (EventTrigger) automations.get(0).trigger();
        assertThat(cancel.posture()).isEqualTo(Posture.Proactive);
        assertThat(cancel.within()).isEqualTo(Duration.ofMinutes(5));
        assertThat(cancel.forEach()).containsExactly("prefect.resource.id");
        SendNotification notify = (SendNotification) automations.get(1).actions().get(0);
        assertThat(notify.subject()).isEqualTo("Flow run {{ flow_run.name }} failed");
        for (Automation automation : automations) {
            assertValidAndRoundTrips(automation);
        }
    }

    @Test
    void compoundDeploymentTriggerParses() throws Exception {
        Automation automation = read("compound-deployment-trigger.json");
        CompoundTrigger trigger = (CompoundTrigger) automation.trigger();
        assertThat(trigger.require()).isEqualTo("all");
        assertThat(trigger.requiredCount()).isEqualTo(2);
        assertThat(trigger.within()).isEqualTo(Duration.ofHours(1));
        RunDeployment run = (RunDeployment) automation.actions().get(0);
        assertThat(run.parameters()).containsEntry("param_1", "{{ event }}");
        assertValidAndRoundTrips(automation);
    }

    /**
     * Prefect's REST example sends {@code "enabled": "true"} and {@code "parameters": "10"}.
     * Pydantic's lax mode turns the string "true" into a boolean, so that is accepted; a string is
     * not a mapping, so Prefect refuses {@code parameters} with 422, and so do we.
     */
    @Test
    void restExampleAcceptsStringBooleanButRefusesStringParameters() {
        assertThatThrownBy(() -> read("rest-post.json"))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(((MismatchedInputException) e).getPath())
                        .extracting(ref -> ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex())
                        .containsExactly("actions", 0, "parameters"));
    }

    @Test
    void restExampleWithObjectParametersIsAcceptedWithEnabledTrue() throws Exception {
        String fixed;
        try (InputStream in = getClass().getResourceAsStream("/prefect-docs/rest-post.json")) {
            fixed = new String(in.readAllBytes()).replace("\"parameters\": \"10\"", "\"parameters\": {\"n\": 10}");
        }
        Automation automation = json.readValue(fixed, Automation.class);
        assertThat(automation.enabled()).isTrue();
        assertValidAndRoundTrips(automation);
    }
}
