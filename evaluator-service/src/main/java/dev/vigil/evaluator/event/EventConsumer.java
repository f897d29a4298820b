package dev.vigil.evaluator.event;

import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.kafka.KafkaRecords;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the {@code events} topic (group {@code reactive-triggers}) a polled batch at a time and
 * evaluates each batch in order, with one Redis round trip to load and one to commit. If a batch
 * fails, its events are evaluated one by one, so that only an event that fails on its own goes
 * to the dead-letter topic.
 */
@ApplicationScoped
public class EventConsumer {

    public static final String CHANNEL = "events-in";

    private final EventEvaluationService evaluation;

    public EventConsumer(EventEvaluationService evaluation) {
        this.evaluation = evaluation;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, ReceivedEvent> batch) {
        List<KafkaRecord<String, ReceivedEvent>> records = batch.getRecords();
        List<WorkspaceEvent> events = records.stream()
                .map(record -> new WorkspaceEvent(KafkaRecords.workspaceOf(record), record.getPayload()))
                .toList();
        return evaluation.evaluate(events)
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("A batch of %d events failed (%s); evaluating them one by one", records.size(),
                            failure.getMessage());
                    return oneByOne(records);
                });
    }

    private Uni<Void> oneByOne(List<KafkaRecord<String, ReceivedEvent>> records) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (KafkaRecord<String, ReceivedEvent> record : records) {
            chain = chain.chain(() -> evaluation.evaluate(KafkaRecords.workspaceOf(record), record.getPayload())
                    .onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                            ? Uni.createFrom().completionStage(record.ack())
                            : Uni.createFrom().completionStage(record.nack(failure))));
        }
        return chain;
    }
}
