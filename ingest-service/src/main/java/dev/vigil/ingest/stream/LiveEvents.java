package dev.vigil.ingest.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.kafka.KafkaRecords;
import io.quarkus.logging.Log;
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
 * every event. Records arrive as text and are read only while someone subscribes: most of the time
 * nobody does, and reading every accepted event once more cost ingest a good share of its CPU.
 */
@ApplicationScoped
public class LiveEvents {

    public static final String CHANNEL = "events-live";

    private final Set<LiveSubscription> subscriptions = new CopyOnWriteArraySet<>();
    private final ObjectMapper json;

    public LiveEvents(ObjectMapper json) {
        this.json = json;
    }

    @Incoming(CHANNEL)
    public CompletionStage<Void> onEvent(Message<String> message) {
        ReceivedEvent event = message.getPayload() == null || subscriptions.isEmpty() ? null
                : read(message.getPayload());
        if (event != null) {
            UUID workspace = KafkaRecords.workspaceOf(message);
            for (LiveSubscription subscription : subscriptions) {
                subscription.offer(workspace, event);
            }
        }
        return message.ack();
    }

    private ReceivedEvent read(String record) {
        try {
            return json.readValue(record, ReceivedEvent.class);
        } catch (JsonProcessingException e) {
            Log.debugf("Unreadable record on the events topic skipped: %s", e.getOriginalMessage());
            return null;
        }
    }

    public void add(LiveSubscription subscription) {
        subscriptions.add(subscription);
    }

    public void remove(LiveSubscription subscription) {
        subscriptions.remove(subscription);
    }
}
