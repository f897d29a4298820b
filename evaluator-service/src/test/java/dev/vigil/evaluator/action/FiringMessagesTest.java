package dev.vigil.evaluator.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.Trigger;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FiringMessagesTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-01-01T00:02:00Z");

    private static Automation automation() throws Exception {
        return VigilJson.mapper().readValue("""
                {"id": "%s", "name": "flappy",
                 "trigger": {"posture": "Reactive", "expect": ["pinged"], "threshold": 1, "within": 60},
                 "actions": [{"type": "do-nothing"}],
                 "actions_on_trigger": [{"type": "pause-automation", "source": "selected",
                                         "automation_id": "%s"}],
                 "actions_on_resolve": [{"type": "do-nothing"}, {"type": "do-nothing"}]}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID()), Automation.class);
    }

    private static AutomationFiring firing(Automation automation, FiringState state) {
        Trigger trigger = automation.trigger();
        ReceivedEvent event = new ReceivedEvent(AT, "pinged", Resource.of("r"), List.of(), Map.of(),
                UUID.randomUUID(), null, AT);
        return new AutomationFiring(Workspaces.DEFAULT, automation, new Firing(UUID.randomUUID(), trigger.id(),
                state, AT, Map.of(Resource.ID, "r"), List.of(), event));
    }

    @Test
    void aResolvedFiringRunsOnlyActionsOnResolveWithTheResolvedStateEvent() throws Exception {
        AutomationFiring resolved = firing(automation(), FiringState.Resolved);
        ReceivedEvent stateEvent = StateEvents.stateChange(resolved.automation(), resolved.firing());
        assertThat(stateEvent.event()).isEqualTo("prefect.automation.resolved");

        List<ActionMessage> messages = FiringPublisher.messages(resolved, stateEvent);
        assertThat(messages).extracting(m -> m.action().type()).containsExactly("do-nothing", "do-nothing");
        assertThat(messages).allSatisfy(m -> assertThat(m.event().event()).isEqualTo("prefect.automation.resolved"));
        assertThat(messages).extracting(ActionMessage::idempotencyKey).containsExactly(
                resolved.firing().id() + ":0", resolved.firing().id() + ":1");
    }

    @Test
    void aTriggeredFiringRunsActionsOnTriggerAndNotActionsOnResolve() throws Exception {
        AutomationFiring triggered = firing(automation(), FiringState.Triggered);
        ReceivedEvent stateEvent = StateEvents.stateChange(triggered.automation(), triggered.firing());
        assertThat(stateEvent.event()).isEqualTo("prefect.automation.triggered");
        assertThat(FiringPublisher.messages(triggered, stateEvent)).extracting(m -> m.action().type())
                .containsExactly("do-nothing", "pause-automation");
    }

    @Test
    void theResolvedStateEventHasPrefectsShape() throws Exception {
        AutomationFiring resolved = firing(automation(), FiringState.Resolved);
        ReceivedEvent stateEvent = StateEvents.stateChange(resolved.automation(), resolved.firing());
        assertThat(stateEvent.occurred()).isEqualTo(AT);
        assertThat(stateEvent.resource().id()).isEqualTo("prefect.automation." + resolved.automation().id());
        assertThat(stateEvent.resource().get("prefect.posture")).isEqualTo("Reactive");
        assertThat(stateEvent.related()).singleElement().satisfies(r -> assertThat(r.id())
                .isEqualTo("prefect.event." + resolved.firing().triggeringEvent().id()));
        assertThat(stateEvent.payload()).containsEntry("triggering_labels", Map.of(Resource.ID, "r"));
    }

    @Test
    void aMetricFiringCarriesItsValueInTheStateEventAndTheActionMessages() throws Exception {
        Automation automation = VigilJson.mapper().readValue("""
                {"id": "%s", "name": "slow", "trigger": {"type": "metric", "posture": "Metric",
                  "metric": {"name": "duration", "operator": ">", "threshold": 600}},
                 "actions": [{"type": "do-nothing"}]}""".formatted(UUID.randomUUID()), Automation.class);
        AutomationFiring fired = new AutomationFiring(Workspaces.DEFAULT, automation, new Firing(UUID.randomUUID(),
                automation.trigger().id(), FiringState.Triggered, AT, Map.of(), List.of(), null, 734.5));
        ReceivedEvent stateEvent = StateEvents.stateChange(automation, fired.firing());
        assertThat(stateEvent.resource().get("prefect.posture")).isEqualTo("Metric");
        assertThat(stateEvent.payload()).containsEntry("triggering_value", 734.5);
        List<ActionMessage> messages = FiringPublisher.messages(fired, stateEvent);
        assertThat(messages).singleElement().satisfies(m -> assertThat(m.firing().triggeringValue()).isEqualTo(734.5));
        String json = VigilJson.mapper().writeValueAsString(messages.get(0));
        assertThat(VigilJson.mapper().readValue(json, ActionMessage.class).firing().triggeringValue()).isEqualTo(734.5);
        // event and composite firings have none, and do not show the field
        assertThat(VigilJson.mapper().writeValueAsString(firing(automation(), FiringState.Triggered).firing()))
                .doesNotContain("triggering_value");
    }
}
