package dev.vigil.ingest.event;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.model.event.Event;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.support.event.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An event PostgreSQL refuses (here a NUL character, which validation keeps out of the API but an
 * older producer could still have written) goes alone to the dead-letter topic; the good events of
 * its batch are stored.
 */
@QuarkusTest
class EventPersisterPoisonTest {

    private static final String DEAD_LETTERS = "events-dlq-persister";
    private static final int PARTITIONS = 4;

    @Inject
    EventPublisher publisher;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aRowTheDatabaseRefusesDoesNotTakeItsBatchToTheDeadLetterTopic() throws Exception {
        UUID workspace = UUID.randomUUID();
        String resource = "poison." + UUID.randomUUID();
        ReceivedEvent before = event(resource, Map.of("n", 1));
        ReceivedEvent poison = event(resource, Map.of("text", "a\u0000b"));
        ReceivedEvent after = event(resource, Map.of("n", 2));
        long deadLettersBefore = deadLetters();

        publisher.publishAll(workspace, List.of(before, poison, after)).await().atMost(Duration.ofSeconds(10));

        await().atMost(STORE_WAIT).until(() -> stored(pool, workspace, before.id()) == 1
                && stored(pool, workspace, after.id()) == 1);
        await().atMost(STORE_WAIT).until(() -> deadLetters() == deadLettersBefore + 1);
        assertThat(stored(pool, workspace, poison.id())).isZero();
    }

    private static ReceivedEvent event(String resource, Map<String, Object> payload) {
        return new Event(OffsetDateTime.now(ZoneOffset.UTC), "poison.check", Resource.of(resource), List.of(),
                payload, UUID.randomUUID(), null).receive(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Records ever written to the dead-letter topic (0 before it exists). */
    private long deadLetters() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(DEAD_LETTERS)) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, PARTITIONS).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(DEAD_LETTERS, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
