package dev.vigil.ingest.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Stored batches are acknowledged, so the persister's offsets advance and a restart does not re-read them. */
@QuarkusTest
class EventPersisterAckTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private long committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("event-persister")
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> "events".equals(e.getKey().topic()))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
        }
    }

    @Test
    void persistedBatchesCommitTheirOffsets() throws Exception {
        long before = committedOffsets();
        String event = """
                [{"id": "%s", "occurred": "2026-01-01T00:00:00Z", "event": "ack.check",
                  "resource": {"prefect.resource.id": "ack.%s"}}]""".formatted(UUID.randomUUID(), UUID.randomUUID());
        given().contentType(ContentType.JSON).body(event).post("/api/events").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffsets() > before);
    }
}
