package dev.vigil.testsupport.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * A consumer group's committed offsets, as a barrier: a service that commits a record only once it has
 * handled it (and everything before it on its partition) is done with that record when its group's
 * committed offset is past it.
 */
public final class ConsumerOffsets implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final String group;

    public ConsumerOffsets(String bootstrap, String group) {
        this.admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.group = group;
    }

    /** The group's committed offset of every partition it has committed on. */
    public Map<TopicPartition, OffsetAndMetadata> committed() {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("offsets of group " + group, e);
        }
    }

    /** The group's committed offset of a partition, 0 before its first commit there. */
    public long committed(TopicPartition partition) {
        OffsetAndMetadata at = committed().get(partition);
        return at == null ? 0 : at.offset();
    }

    /** Waits until the group has committed past {@code record}, that is handled it and all before it. */
    public void awaitPast(RecordMetadata record, Duration timeout) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Awaitility.await(group + " past " + partition + "@" + record.offset()).atMost(timeout)
                .until(() -> committed(partition) > record.offset());
    }

    @Override
    public void close() {
        admin.close();
    }
}
