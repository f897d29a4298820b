package dev.vigil.evaluator.watermark;

import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.event.EventConsumer;
import dev.vigil.evaluator.watermark.Watermarks.Combined;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The event-time watermark of live evaluation: every event ingest received before it has been evaluated,
 * by whichever replica owns its partition. Proactive timers fire on it, never ahead of the wall clock, so a
 * window's end is evaluated after the events of its window even while the evaluator lags behind the topic.
 * <p>
 * Each call samples this replica's partitions on the consumer's polling thread, publishes their watermarks
 * to one Redis hash (a field per partition) and takes the least over every partition of the topic. A
 * partition whose owner died keeps its last value until its new owner publishes.
 */
@ApplicationScoped
public class EventTimeWatermark {

    /** Global, not per workspace: every workspace's events share the topic. */
    static final String KEY = "vigil:watermark:events";

    private final KafkaClientService kafka;
    private final EvaluationProgress progress;
    private final ReactiveRedisDataSource redis;
    private final EvaluatorConfig.Watermark config;
    private final String topic;
    private final Clock clock = Clock.systemUTC();
    private volatile int partitions;
    private volatile boolean warned;
    private volatile boolean publishFailing;
    private volatile Instant unpublishedSince;

    public EventTimeWatermark(KafkaClientService kafka, EvaluationProgress progress, ReactiveRedisDataSource redis,
                              EvaluatorConfig config,
                              @ConfigProperty(name = "mp.messaging.incoming.events-in.topic") String topic) {
        this.kafka = kafka;
        this.progress = progress;
        this.redis = redis;
        this.config = config.watermark();
        this.topic = topic;
    }

    /** Up to when timers may fire now. */
    public Uni<Instant> upTo() {
        if (!config.enabled()) {
            return Uni.createFrom().item(clock.instant());
        }
        return sample()
                .chain(this::publish)
                .onItemOrFailure().invoke((ignored, failure) -> reportPublished(failure))
                .onFailure().recoverWithNull()
                .chain(this::readAll)
                .map(published -> {
                    Instant now = clock.instant();
                    Combined combined = Watermarks.combine(published, partitions, now, config.maxHold());
                    report(combined, now);
                    return combined.upTo();
                });
    }

    private Uni<Map<Integer, Instant>> sample() {
        List<Uni<Map<Integer, Instant>>> samples = new ArrayList<>();
        for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object>getConsumers(EventConsumer.CHANNEL)) {
            samples.add(consumer.runOnPollingThread(this::sampleOnPollingThread));
        }
        if (samples.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.join().all(samples).andFailFast()
                .ifNoItem().after(config.sampleTimeout()).fail()
                .map(all -> {
                    Map<Integer, Instant> merged = new HashMap<>();
                    all.forEach(merged::putAll);
                    return merged;
                });
    }

    /**
     * Position and lag are cached by the consumer (the rebalance listener has made the position known),
     * so this costs no round trip to the broker; the timeout only bounds a partition in an unexpected state.
     */
    private Map<Integer, Instant> sampleOnPollingThread(Consumer<Object, Object> consumer) {
        Instant checkedAt = clock.instant();
        List<PartitionInfo> topicPartitions = consumer.partitionsFor(topic, config.sampleTimeout());
        partitions = Math.max(partitions, topicPartitions == null ? 0 : topicPartitions.size());
        Map<Integer, Instant> marks = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            if (!partition.topic().equals(topic)) {
                continue;
            }
            long position = consumer.position(partition, config.sampleTimeout());
            Optional<Instant> mark = Watermarks.ofPartition(progress.of(partition), position,
                    consumer.currentLag(partition), checkedAt, config.inFlight());
            mark.ifPresent(m -> marks.put(partition.partition(), m));
        }
        return marks;
    }

    private Uni<Void> publish(Map<Integer, Instant> own) {
        if (own.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, String> fields = new HashMap<>();
        own.forEach((partition, mark) -> fields.put(Integer.toString(partition), Long.toString(mark.toEpochMilli())));
        return redis.hash(String.class).hset(KEY, fields).replaceWithVoid();
    }

    private Uni<Map<Integer, Instant>> readAll() {
        return redis.hash(String.class).hgetall(KEY).map(fields -> {
            Map<Integer, Instant> published = new HashMap<>();
            fields.forEach((partition, mark) ->
                    published.put(Integer.parseInt(partition), Instant.ofEpochMilli(Long.parseLong(mark))));
            return published;
        });
    }

    /**
     * Warns once when {@code max-hold} starts to apply, and once it no longer does. A partition nobody has
     * published yet (every replica just started on an empty Redis) is only worth a warning if it stays so
     * for longer than {@code max-hold}.
     */
    private void report(Combined combined, Instant now) {
        if (combined.unpublished()) {
            unpublishedSince = unpublishedSince == null ? now : unpublishedSince;
        } else {
            unpublishedSince = null;
        }
        boolean worthWarning = combined.bounded()
                && (!combined.unpublished() || unpublishedSince.plus(config.maxHold()).isBefore(now));
        if (worthWarning && !warned) {
            Log.warnf("Partition %s of %s has held proactive timers for %s (vigil.evaluator.watermark.max-hold); "
                    + "they fire now, and may miss events not yet evaluated", combined.holding(), topic,
                    config.maxHold());
        } else if (!combined.bounded() && warned) {
            Log.infof("The event watermark of %s is within max-hold again", topic);
        }
        warned = worthWarning || (warned && combined.bounded());
    }

    private void reportPublished(Throwable failure) {
        if (failure != null && !publishFailing) {
            Log.warnf("Could not publish this replica's event watermarks (%s); the values last published hold",
                    failure.toString());
        } else if (failure == null && publishFailing) {
            Log.info("This replica publishes its event watermarks again");
        }
        publishFailing = failure != null;
    }
}
