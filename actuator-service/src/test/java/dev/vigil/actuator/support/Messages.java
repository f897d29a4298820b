package dev.vigil.actuator.support;

import dev.vigil.model.action.Action;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds action messages as the evaluator would publish them. */
public final class Messages {

    private Messages() {
    }

    public static ReceivedEvent event(Resource resource, List<RelatedResource> related) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new ReceivedEvent(now, "external.resource.pinged", resource, related, Map.of("answer", 42),
                UUID.randomUUID(), null, now);
    }

    public static ActionMessage of(Action action) {
        return of(action, event(Resource.of("my.resource.1"), List.of()), Map.of());
    }

    /** An action message of {@code workspace}. */
    public static ActionMessage in(UUID workspace, Action action) {
        ActionMessage message = of(action);
        return new ActionMessage(message.idempotencyKey(), workspace, message.automation(), message.firing(),
                message.actionIndex(), message.action(), message.event(), message.labels(), message.firings(),
                message.events(), message.automationTriggeredEventId());
    }

    public static ActionMessage of(Action action, ReceivedEvent event, Map<String, String> labels) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        EventTrigger trigger = new EventTrigger(null, null, null, null, List.of("external.resource.pinged"), null,
                Posture.Reactive, 1, Duration.ZERO);
        Automation automation = new Automation(UUID.randomUUID(), now, now, "Ops alert", null, true, null, trigger,
                List.of(action), null, null);
        Firing firing = new Firing(UUID.randomUUID(), trigger.id(), FiringState.Triggered, now, labels, List.of(),
                event);
        return new ActionMessage(ActionMessage.idempotencyKey(firing.id(), 0), Workspaces.DEFAULT, automation,
                firing, 0, action, event, labels, List.of(firing), event == null ? List.of() : List.of(event),
                UUID.randomUUID());
    }
}
