package dev.vigil.actuator.orchestrator;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.model.action.TargetSource;
import dev.vigil.model.action.TargetedAction;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.messaging.ActionMessage;
import java.util.Optional;
import java.util.UUID;

/** Finds the object an action acts on: the selected id, or one inferred from the triggering event (Prefect's rules). */
public final class Targets {

    public static final String FLOW_RUN = "prefect.flow-run";

    private Targets() {
    }

    /**
     * The target of a {@code source}-bearing action. {@code noun} names it in failure reasons, e.g.
     * {@code deployment}; {@code kind} is its resource kind, e.g. {@code prefect.deployment}.
     */
    public static UUID of(ActionMessage message, TargetedAction action, String kind, String noun) {
        if (action.source() != TargetSource.INFERRED) {
            if (action.targetId() == null) {
                throw new ActionFailedException("No " + noun + " was selected (" + action.targetField() + " is missing)");
            }
            return action.targetId();
        }
        ReceivedEvent event = message.event();
        if (event == null) {
            throw new ActionFailedException("No event to infer the " + noun);
        }
        return firstOfKind(event, kind)
                .orElseThrow(() -> new ActionFailedException("No " + noun + " could be inferred"));
    }

    /** The flow run of a flow-run action: the triggering labels' resource first, then the event's resources. */
    public static UUID flowRun(ActionMessage message) {
        Optional<UUID> fromLabels = idOfKind(message.labels().get(Resource.ID), FLOW_RUN);
        if (fromLabels.isPresent()) {
            return fromLabels.get();
        }
        if (message.event() != null) {
            Optional<UUID> fromEvent = firstOfKind(message.event(), FLOW_RUN);
            if (fromEvent.isPresent()) {
                return fromEvent.get();
            }
        }
        throw new ActionFailedException("No flow run could be inferred");
    }

    /** The first resource of {@code kind} whose id ends in a UUID, primary resource first. */
    public static Optional<UUID> firstOfKind(ReceivedEvent event, String kind) {
        return event.involvedResources().stream()
                .map(r -> idOfKind(r.id(), kind))
                .flatMap(Optional::stream)
                .findFirst();
    }

    static Optional<UUID> idOfKind(String resourceId, String kind) {
        if (resourceId == null || !resourceId.startsWith(kind + ".")) {
            return Optional.empty();
        }
        String suffix = resourceId.substring(kind.length() + 1);
        if (suffix.contains(".")) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(suffix));
        } catch (IllegalArgumentException notUuid) {
            return Optional.empty();
        }
    }
}
