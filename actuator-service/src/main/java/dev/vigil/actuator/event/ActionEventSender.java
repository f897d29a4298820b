package dev.vigil.actuator.event;

import dev.vigil.actuator.batch.WriteBatcher;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.event.EventPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends the actions' events by the group: a batch's triggered events in one producer hop
 * ({@link #sendAll}), and the executed or failed events of actions finishing about together with those of
 * the others finishing within {@code vigil.actuator.delivery-log.batch-window} ({@link #send}).
 */
@ApplicationScoped
public class ActionEventSender {

    /** An event and the workspace it belongs to. */
    public record Addressed(UUID workspaceId, ReceivedEvent event) {
    }

    private final EventPublisher publisher;
    private final WriteBatcher<Addressed, Void> grouped;

    public ActionEventSender(EventPublisher publisher, Vertx vertx, ActuatorConfig config) {
        this.publisher = publisher;
        this.grouped = WriteBatcher.ofStatements(vertx, config.deliveryLog().batchWindow(),
                config.deliveryLog().batchSize(), this::sendAll);
    }

    /** Sends every event now; completes once the broker has them all, fails if it does not have one. */
    public Uni<Void> sendAll(List<Addressed> events) {
        Map<UUID, List<ReceivedEvent>> byWorkspace = new LinkedHashMap<>();
        for (Addressed addressed : events) {
            byWorkspace.computeIfAbsent(addressed.workspaceId(), ws -> new ArrayList<>()).add(addressed.event());
        }
        if (byWorkspace.size() == 1) {
            Map.Entry<UUID, List<ReceivedEvent>> only = byWorkspace.entrySet().iterator().next();
            return publisher.publishAll(only.getKey(), only.getValue());
        }
        List<Uni<Void>> sends = new ArrayList<>(byWorkspace.size());
        byWorkspace.forEach((workspace, list) -> sends.add(publisher.publishAll(workspace, list)));
        return sends.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }

    /**
     * Sends the event with those other actions send within the window; completes once the broker has it. When the
     * group's send fails, each event is sent again alone (its id is derived, so a copy the broker did take is the
     * same event).
     */
    public Uni<Void> send(UUID workspaceId, ReceivedEvent event) {
        return grouped.write(new Addressed(workspaceId, event));
    }
}
