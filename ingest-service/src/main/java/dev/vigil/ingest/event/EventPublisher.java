package dev.vigil.ingest.event;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.kafka.KafkaRecords;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes accepted events to the {@code events} topic, keyed by resource id. */
@ApplicationScoped
public class EventPublisher {

    public static final String CHANNEL = "events-out";

    private final MutinyEmitter<ReceivedEvent> emitter;

    public EventPublisher(@Channel(CHANNEL) MutinyEmitter<ReceivedEvent> emitter) {
        this.emitter = emitter;
    }

    /** Completes only when the broker has acknowledged every event (acks=all). */
    public Uni<Void> publishAll(UUID workspaceId, List<ReceivedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            sends.add(emitter.sendMessage(KafkaRecords.keyed(event, event.resource().id(), workspaceId)));
        }
        return Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }
}
