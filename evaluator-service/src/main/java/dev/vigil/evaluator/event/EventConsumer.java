package dev.vigil.evaluator.event;

import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.metrics.EvaluatorMetrics;
import dev.vigil.evaluator.support.RedisProbe;
import dev.vigil.evaluator.trace.EventTraces;
import dev.vigil.evaluator.watermark.EvaluationProgress;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.kafka.KafkaRecords;
import dev.vigil.support.metrics.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the {@code events} topic (group {@code reactive-triggers}) a polled batch at a time and
 * evaluates each batch in order, with one Redis round trip to load and one to commit. If a batch
 * fails, its events are evaluated one by one, so that only an event that fails on its own goes
 * to the dead-letter topic.
 * <p>
 * A failure while Redis cannot be reached is not the events' fault: the batch (or the event) waits
 * and is evaluated again once Redis answers, and its offsets are committed only then. Evaluating an
 * event again is safe, since Redis remembers which events were counted.
 */
@ApplicationScoped
public class EventConsumer {

    public static final String CHANNEL = "events-in";

    private final EventEvaluationService evaluation;
    private final RedisProbe redis;
    private final EvaluationProgress progress;
    private final EvaluatorMetrics metrics;
    private final Counter deadLettered;
    private final EventTraces traces;

    public EventConsumer(EventEvaluationService evaluation, RedisProbe redis, EvaluationProgress progress,
                         EvaluatorMetrics metrics, DeadLetters deadLetters, EventTraces traces) {
        this.traces = traces;
        this.metrics = metrics;
        this.deadLettered = deadLetters.counter(CHANNEL);
        this.evaluation = evaluation;
        this.redis = redis;
        this.progress = progress;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, ReceivedEvent> batch) {
        // Proactive timers fire on the event-time watermark, which moves only once the batch is evaluated.
        List<UUID> traced = traces.remember(batch.getRecords());
        return evaluate(batch).invoke(() -> progress.evaluated(batch.getRecords()))
                .onTermination().invoke(() -> traces.forget(traced));
    }

    private Uni<Void> evaluate(KafkaRecordBatch<String, ReceivedEvent> batch) {
        List<KafkaRecord<String, ReceivedEvent>> records = batch.getRecords();
        List<WorkspaceEvent> events = records.stream()
                .map(record -> new WorkspaceEvent(KafkaRecords.workspaceOf(record), record.getPayload()))
                .toList();
        return evaluation.evaluate(events)
                .invoke(() -> metrics.evaluated(records.size()))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().recoverWithUni(failure -> redis.reachable().chain(reachable -> {
                    if (!reachable) {
                        Log.warnf("A batch of %d events failed while Redis is unreachable (%s); it waits for Redis",
                                records.size(), failure.getMessage());
                        return redis.pause().chain(() -> evaluate(batch));
                    }
                    Log.warnf("A batch of %d events failed (%s); evaluating them one by one", records.size(),
                            failure.getMessage());
                    return oneByOne(records);
                }));
    }

    private Uni<Void> oneByOne(List<KafkaRecord<String, ReceivedEvent>> records) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (KafkaRecord<String, ReceivedEvent> record : records) {
            chain = chain.chain(() -> evaluateAlone(record));
        }
        return chain;
    }

    /** Acks the event once evaluated; dead-letters it only if it failed while Redis was reachable. */
    private Uni<Void> evaluateAlone(KafkaRecord<String, ReceivedEvent> record) {
        return evaluation.evaluate(KafkaRecords.workspaceOf(record), record.getPayload())
                .onItemOrFailure().transformToUni((ignored, failure) -> {
                    if (failure == null) {
                        metrics.evaluated(1);
                        return Uni.createFrom().completionStage(record.ack());
                    }
                    return redis.reachable().chain(reachable -> reachable
                            ? Uni.createFrom().completionStage(record.nack(failure)).invoke(() -> deadLettered.increment())
                            : redis.pause().chain(() -> evaluateAlone(record)));
                });
    }
}
