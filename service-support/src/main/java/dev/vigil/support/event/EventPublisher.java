package dev.vigil.support.event;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.kafka.KafkaRecords;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes events to the {@code events} topic, keyed by resource id, with the workspace in a
 * header: accepted events in ingest, and the events every service emits about its own work.
 * Each service maps the {@value #CHANNEL} channel to the topic.
 * <p>
 * A batch goes straight to the channel's Kafka producer: one hop to the producer's sending thread
 * sends every record with one shared callback, and one Uni completes when the broker has acknowledged
 * them all. Wrapping each event in a message and a Uni of its own, through the emitter, cost more CPU
 * than the producer itself. The emitter remains the path of a channel that is not Kafka's, and it
 * keeps the channel wired (and its serializer detected) in every service.
 */
@ApplicationScoped
public class EventPublisher {

    public static final String CHANNEL = "events-out";

    private final MutinyEmitter<ReceivedEvent> emitter;
    private final KafkaClientService kafka;
    private final String topic;
    private volatile KafkaProducer<String, ReceivedEvent> producer;

    /** @param topic the channel's topic, as its connector reads it (the channel name when unset) */
    public EventPublisher(@Channel(CHANNEL) MutinyEmitter<ReceivedEvent> emitter, KafkaClientService kafka,
            @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".topic", defaultValue = CHANNEL) String topic) {
        this.emitter = emitter;
        this.kafka = kafka;
        this.topic = topic;
    }

    /** Completes when the broker has acknowledged the event. */
    public Uni<Void> publish(UUID workspaceId, ReceivedEvent event) {
        return publishAll(workspaceId, List.of(event));
    }

    /** Completes only when the broker has acknowledged every event; fails if any was not. */
    public Uni<Void> publishAll(UUID workspaceId, List<ReceivedEvent> events) {
        return publishAll(workspaceId, events, null);
    }

    /** Completes when the broker has acknowledged the event, carrying {@code traceparent} (when not null) on. */
    public Uni<Void> publish(UUID workspaceId, ReceivedEvent event, String traceparent) {
        return publishAll(workspaceId, List.of(event), traceparent);
    }

    /**
     * {@link #publishAll(UUID, List)}, each record carrying {@code traceparent} (when not null) in its headers, for
     * the evaluation and the actions that follow to continue the trace.
     */
    public Uni<Void> publishAll(UUID workspaceId, List<ReceivedEvent> events, String traceparent) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        KafkaProducer<String, ReceivedEvent> kafkaProducer = producer();
        if (kafkaProducer == null) {
            return throughEmitter(workspaceId, events, traceparent);
        }
        Uni<Void> acknowledged = Uni.createFrom().emitter(batch -> {
            BrokerAcknowledgements acks = new BrokerAcknowledgements(events.size(), batch);
            kafkaProducer.runOnSendingThread(client -> {
                for (ReceivedEvent event : events) {
                    client.send(record(workspaceId, event, traceparent), acks);
                }
            }).subscribe().with(sent -> { }, acks::fail);
        });
        return onCallersContext(acknowledged);
    }

    /** Acknowledgements arrive on the producer's network thread; what follows them must not run there. */
    private static Uni<Void> onCallersContext(Uni<Void> acknowledged) {
        Context caller = Vertx.currentContext();
        return caller == null ? acknowledged
                : acknowledged.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private ProducerRecord<String, ReceivedEvent> record(UUID workspaceId, ReceivedEvent event, String traceparent) {
        return new ProducerRecord<>(topic, null, event.resource().id(), event,
                KafkaRecords.headers(workspaceId, traceparent));
    }

    private KafkaProducer<String, ReceivedEvent> producer() {
        KafkaProducer<String, ReceivedEvent> found = producer;
        if (found == null) {
            found = kafka.getProducer(CHANNEL);
            producer = found;
        }
        return found;
    }

    private Uni<Void> throughEmitter(UUID workspaceId, List<ReceivedEvent> events, String traceparent) {
        List<Uni<Void>> sends = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            sends.add(emitter.sendMessage(KafkaRecords.keyed(event, event.resource().id(), workspaceId, traceparent)));
        }
        return Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }
}
