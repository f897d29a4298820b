package dev.vigil.support.event;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.kafka.KafkaRecords;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes events to the {@code events} topic, keyed by resource id, with the workspace in a
 * header: accepted events in ingest, and the events every service emits about its own work.
 * Each service maps the {@value #CHANNEL} channel to the topic.
 */
@ApplicationScoped
public class EventPublisher {

    public static final String CHANNEL = "events-out";

    private final MutinyEmitter<ReceivedEvent> emitter;

    public EventPublisher(@Channel(CHANNEL) MutinyEmitter<ReceivedEvent> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the event. */
    public Uni<Void> publish(UUID workspaceId, ReceivedEvent event) {
        return emitter.sendMessage(KafkaRecords.keyed(event, event.resource().id(), workspaceId));
    }

    /** Completes only when the broker has acknowledged every event; fails if any was not. */
    public Uni<Void> publishAll(UUID workspaceId, List<ReceivedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            sends.add(publish(workspaceId, event));
        }
        return Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }
}
