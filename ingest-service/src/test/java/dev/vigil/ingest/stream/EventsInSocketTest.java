package dev.vigil.ingest.stream;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.event;
import static dev.vigil.ingest.support.TestEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ingest.support.SocketClient;
import dev.vigil.model.messaging.Topics;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.testsupport.auth.TestApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
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

@QuarkusTest
class EventsInSocketTest {

    private static final Duration FRAME_WAIT = Duration.ofSeconds(10);

    /** Over Netty's default 64 KiB frame and Kafka's default 1 MiB record, under Prefect's 1.5 MB event. */
    private static final int LARGE_EVENT = 1_200_000;
    private static final int OVER_MESSAGE_LIMIT = 3 * 1024 * 1024;
    /** Enough that some would still await the broker if the reply did not wait for them. */
    private static final int PIPELINED_EVENTS = 300;

    @TestHTTPResource("/api/events/in")
    URI in;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void authThenEventsAreAcceptedAndBadFramesGetErrorsWithoutClosing() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (SocketClient client = SocketClient.connect(in, "prefect")) {
            client.send("{\"type\": \"auth\", \"token\": \"" + TestApiKeys.ADMIN + "\"}");
            assertThat(client.next(FRAME_WAIT)).isEqualTo("{\"type\":\"auth_success\"}");
            client.send(event(first));
            client.send("{not json");
            assertThat(client.next(FRAME_WAIT)).contains("\"type\":\"error\"").contains("json_invalid");
            client.send(event(UUID.randomUUID()).replace("\"prefect.resource.id\": \"r.1\"", "\"x\": \"y\""));
            assertThat(client.next(FRAME_WAIT)).contains("\"type\":\"error\"").contains("\"loc\":[\"body\",\"resource\"]");
            client.send(event(UUID.randomUUID(), "later", "e", "r"));
            assertThat(client.next(FRAME_WAIT)).contains("\"type\":\"error\"").contains("occurred");
            client.send(event(second));
            assertNoReplyBeforeTheNextFrames(client);
            assertThat(client.isClosed()).isFalse();
        }
        await().atMost(STORE_WAIT).until(() -> stored(pool, Workspaces.DEFAULT, first) == 1
                && stored(pool, Workspaces.DEFAULT, second) == 1);
    }

    /** The only acknowledgement the protocol has: an answered frame means every event before it was published. */
    @Test
    void aReplyComesOnlyOnceTheBrokerHasAcknowledgedEveryEventBeforeIt() throws Exception {
        long before = recordsOnTheEventsTopic();
        try (SocketClient client = SocketClient.connect(in)) {
            for (int i = 0; i < PIPELINED_EVENTS; i++) {
                client.send(event(UUID.randomUUID()));
            }
            client.send("{}");
            assertThat(client.next(FRAME_WAIT)).contains("\"type\":\"error\"");
            assertThat(recordsOnTheEventsTopic()).isGreaterThanOrEqualTo(before + PIPELINED_EVENTS);
        }
    }

    /**
     * Barrier for "accepted events get no reply": replies come in the order of the frames they answer, so a bad
     * frame sent now is answered first unless an earlier frame got a reply.
     */
    private static void assertNoReplyBeforeTheNextFrames(SocketClient client) throws Exception {
        client.send("{not json");
        assertThat(client.next(FRAME_WAIT)).as("the first reply: the bad frame's").contains("\"type\":\"error\"")
                .contains("json_invalid");
    }

    private long recordsOnTheEventsTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get()
                    .get(Topics.EVENTS).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.EVENTS, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    @Test
    void eventsWithoutAnAuthMessageAndWithoutTheSubprotocolAreAccepted() throws Exception {
        UUID id = UUID.randomUUID();
        try (SocketClient client = SocketClient.connect(in)) {
            client.send(event(id));
            assertNoReplyBeforeTheNextFrames(client);
        }
        await().atMost(STORE_WAIT).until(() -> stored(pool, Workspaces.DEFAULT, id) == 1);
    }

    @Test
    void aLargeEventInOneFrameIsAccepted() throws Exception {
        UUID id = UUID.randomUUID();
        String padded = event(id).replace("\"payload\": {\"n\": 1}", "\"payload\": {\"pad\": \"" + "p".repeat(LARGE_EVENT) + "\"}");
        try (SocketClient client = SocketClient.connect(in)) {
            client.send(padded);
            assertNoReplyBeforeTheNextFrames(client);
        }
        await().atMost(STORE_WAIT).until(() -> stored(pool, Workspaces.DEFAULT, id) == 1);
    }

    @Test
    void aMessageOverTheLimitClosesWithMessageTooBig() throws Exception {
        try (SocketClient client = SocketClient.connect(in)) {
            try {
                client.send("\"" + "x".repeat(OVER_MESSAGE_LIMIT) + "\"");
            } catch (java.util.concurrent.ExecutionException closedWhileSending) {
                // The server may close before the client has written the whole message.
            }
            assertThat(client.closeStatus(FRAME_WAIT)).startsWith("1009");
        }
    }
}
