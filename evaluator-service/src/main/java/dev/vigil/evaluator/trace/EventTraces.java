package dev.vigil.evaluator.trace;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import dev.vigil.support.trace.Traces;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trace context ({@code traceparent} header) each event of the batch being evaluated arrived with, by event id,
 * so that a firing, whatever batch and follower path led to it, continues the trace of the event that triggered it.
 * Held only while its batch is evaluated: the consumer remembers a batch's contexts before evaluating it and forgets
 * them after. A record without the header costs a header lookup and nothing else.
 */
@ApplicationScoped
public class EventTraces {

    private final Map<UUID, String> byEvent = new ConcurrentHashMap<>();

    /** Remembers the context of each record that has one; the ids to {@link #forget} once the batch is over. */
    public List<UUID> remember(List<KafkaRecord<String, ReceivedEvent>> records) {
        List<UUID> remembered = null;
        for (KafkaRecord<String, ReceivedEvent> record : records) {
            String traceparent = Traces.of(record.getHeaders());
            if (traceparent != null && record.getPayload() != null && record.getPayload().id() != null) {
                if (remembered == null) {
                    remembered = new ArrayList<>();
                }
                byEvent.put(record.getPayload().id(), traceparent);
                remembered.add(record.getPayload().id());
            }
        }
        return remembered == null ? List.of() : remembered;
    }

    public void forget(List<UUID> events) {
        events.forEach(byEvent::remove);
    }

    /** The context of the event that triggered {@code firing}, or of a child firing's; null when none is known. */
    public String of(Firing firing) {
        if (byEvent.isEmpty()) {
            return null;
        }
        ReceivedEvent triggering = firing.triggeringEvent();
        String found = triggering == null || triggering.id() == null ? null : byEvent.get(triggering.id());
        for (int i = 0; found == null && i < firing.triggeringFirings().size(); i++) {
            found = of(firing.triggeringFirings().get(i));
        }
        return found;
    }
}
