package dev.vigil.evaluator.event;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.kafka.KafkaRecords;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes events the evaluator emits about its own work back onto the {@code events} topic. */
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
}
