package dev.vigil.evaluator.watermark;

import dev.vigil.model.event.ReceivedEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * How far this replica has evaluated each partition of the {@code events} topic it owns: the next offset
 * to evaluate, and the latest {@code received} among the events evaluated. Written by the consumer after
 * each batch and by the rebalance listener; read by the watermark's sample on the polling thread.
 */
@ApplicationScoped
public class EvaluationProgress {

    /** {@code lastReceived} is null until an event of the partition has been evaluated by this replica. */
    public record Progress(long nextOffset, Instant lastReceived) {

        Progress after(long offset, Instant received) {
            Instant latest = lastReceived == null || (received != null && received.isAfter(lastReceived))
                    ? received : lastReceived;
            return new Progress(Math.max(nextOffset, offset + 1), latest);
        }
    }

    private final Map<TopicPartition, Progress> partitions = new ConcurrentHashMap<>();

    /** The partition was assigned; the consumer reads it from {@code position} on. */
    public void assigned(TopicPartition partition, long position) {
        partitions.put(partition, new Progress(position, null));
    }

    public void revoked(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    /** The records were evaluated (or dead-lettered): nothing before them in their partitions waits. */
    public void evaluated(List<? extends KafkaRecord<?, ReceivedEvent>> records) {
        for (KafkaRecord<?, ReceivedEvent> record : records) {
            Optional<IncomingKafkaRecordMetadata> incoming = record.getMetadata(IncomingKafkaRecordMetadata.class);
            if (incoming.isEmpty()) {
                continue;
            }
            long offset = incoming.get().getOffset();
            ReceivedEvent event = record.getPayload();
            Instant received = event == null || event.received() == null ? null : event.received().toInstant();
            partitions.compute(new TopicPartition(incoming.get().getTopic(), incoming.get().getPartition()),
                    (tp, progress) -> progress == null
                            ? new Progress(offset + 1, received)
                            : progress.after(offset, received));
        }
    }

    /** Null for a partition this replica does not own (or was never told where it starts). */
    public Progress of(TopicPartition partition) {
        return partitions.get(partition);
    }
}
