package dev.vigil.evaluator.watermark;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells {@link EvaluationProgress} where the {@code events-in} consumer starts reading each partition it is
 * given, so that records fetched but not yet evaluated are never taken for a caught-up partition. Named in
 * {@code mp.messaging.incoming.events-in.consumer-rebalance-listener.name}; runs on the polling thread.
 */
@ApplicationScoped
@Identifier(WatermarkRebalanceListener.NAME)
public class WatermarkRebalanceListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "events-in-watermark";

    private final EvaluationProgress progress;

    public WatermarkRebalanceListener(EvaluationProgress progress) {
        this.progress = progress;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            try {
                progress.assigned(partition, consumer.position(partition));
            } catch (RuntimeException e) {
                // Unknown start: the partition publishes no watermark until it has evaluated an event.
                Log.warnf("No start position for %s (%s); its watermark waits for its first event", partition,
                        e.getMessage());
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        progress.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        progress.revoked(partitions);
    }
}
