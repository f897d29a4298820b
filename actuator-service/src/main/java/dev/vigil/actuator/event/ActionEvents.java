package dev.vigil.actuator.event;

import dev.vigil.actuator.action.ActionResult;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.causal.CausalChain;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.id.NameUuids;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.model.trigger.CompoundTrigger;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.SequenceTrigger;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds Prefect's {@code prefect.automation.action.triggered|executed|failed} events. Their ids
 * derive from the idempotency key, so a retried action does not emit a second copy.
 */
public final class ActionEvents {

    /** The triggered event follows the triggering event only when that happened recently, as in Prefect. */
    private static final Duration FOLLOWS_HORIZON = Duration.ofMinutes(5);

    private ActionEvents() {
    }

    public static ReceivedEvent triggered(ActionMessage message, int generation) {
        OffsetDateTime now = now();
        ReceivedEvent triggering = message.firing().triggeringEvent();
        UUID follows = triggering != null
                && Duration.between(triggering.occurred(), now).compareTo(FOLLOWS_HORIZON) < 0 ? triggering.id() : null;
        return event(message, "triggered", now, follows, basePayload(message), List.of(), generation);
    }

    public static ReceivedEvent executed(ActionMessage message, ActionResult result, int generation) {
        Map<String, Object> payload = basePayload(message);
        payload.putAll(result.details());
        return event(message, "executed", now(), idOf(message, "triggered", generation), payload, result.related(),
                generation);
    }

    public static ReceivedEvent failed(ActionMessage message, String reason, Map<String, Object> details,
                                       int generation) {
        Map<String, Object> payload = basePayload(message);
        payload.putAll(details);
        payload.put("reason", reason);
        return event(message, "failed", now(), idOf(message, "triggered", generation), payload, List.of(),
                generation);
    }

    private static ReceivedEvent event(ActionMessage message, String outcome, OffsetDateTime occurred, UUID follows,
                                       Map<String, Object> payload, List<RelatedResource> produced,
                                       int generation) {
        List<RelatedResource> related = new ArrayList<>(produced);
        if (message.automationTriggeredEventId() != null) {
            related.add(new RelatedResource(Map.of(Resource.ID, "prefect.event." + message.automationTriggeredEventId(),
                    Resource.ROLE, "automation-triggered-event")));
        }
        ReceivedEvent triggering = message.firing().triggeringEvent();
        if (triggering != null) {
            related.add(new RelatedResource(Map.of(Resource.ID, "prefect.event." + triggering.id(),
                    Resource.ROLE, "triggering-event")));
        }
        Resource resource = CausalChain.label(resource(message.automation()),
                CausalChain.ofFiring(message.firing(), message.automation().id()));
        return new ReceivedEvent(occurred, "prefect.automation.action." + outcome, resource,
                related, payload, idOf(message, outcome, generation), follows, occurred);
    }

    private static Resource resource(Automation automation) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Resource.ID, automation.resourceId());
        labels.put(Resource.NAME, automation.name());
        labels.put("prefect.trigger-type", triggerType(automation));
        if (automation.trigger() instanceof EventTrigger trigger) {
            labels.put("prefect.posture", trigger.posture().name());
        }
        return new Resource(labels);
    }

    private static String triggerType(Automation automation) {
        if (automation.trigger() instanceof CompoundTrigger) {
            return "compound";
        }
        if (automation.trigger() instanceof SequenceTrigger) {
            return "sequence";
        }
        return automation.trigger() instanceof EventTrigger ? "event" : "metric";
    }

    private static Map<String, Object> basePayload(ActionMessage message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action_index", message.actionIndex());
        payload.put("action_type", message.action().type());
        payload.put("invocation", message.idempotencyKey());
        return payload;
    }

    /** Deterministic per run: a redelivered dead letter (generation n) emits new events, a retried run does not. */
    private static UUID idOf(ActionMessage message, String outcome, int generation) {
        String run = generation == 0 ? message.idempotencyKey() : message.idempotencyKey() + ":" + generation;
        return NameUuids.of(run + ":" + outcome);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
