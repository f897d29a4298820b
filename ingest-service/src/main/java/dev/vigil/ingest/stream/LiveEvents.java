package dev.vigil.ingest.stream;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.kafka.KafkaRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArraySet;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Fans the {@code events} topic out to this instance's websocket subscribers. The channel reads
 * with a consumer group of its own per instance (from the latest offset), so every instance sees
 * every event.
 */
@ApplicationScoped
public class LiveEvents {

    public static final String CHANNEL = "events-live";

    private final Set<LiveSubscription> subscriptions = new CopyOnWriteArraySet<>();

    @Incoming(CHANNEL)
    public CompletionStage<Void> onEvent(Message<ReceivedEvent> message) {
        ReceivedEvent event = message.getPayload();
        if (event != null && !subscriptions.isEmpty()) {
            UUID workspace = KafkaRecords.workspaceOf(message);
            for (LiveSubscription subscription : subscriptions) {
                subscription.offer(workspace, event);
            }
        }
        return message.ack();
    }

    public void add(LiveSubscription subscription) {
        subscriptions.add(subscription);
    }

    public void remove(LiveSubscription subscription) {
        subscriptions.remove(subscription);
    }
}
