package dev.vigil.evaluator.event;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.kafka.KafkaRecords;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes the {@code events} topic (group {@code reactive-triggers}) and evaluates each event in order. */
@ApplicationScoped
public class EventConsumer {

    public static final String CHANNEL = "events-in";

    private final EventEvaluationService evaluation;

    public EventConsumer(EventEvaluationService evaluation) {
        this.evaluation = evaluation;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<ReceivedEvent> message) {
        return evaluation.evaluate(KafkaRecords.workspaceOf(message), message.getPayload())
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : Uni.createFrom().completionStage(message.nack(failure)));
    }
}
