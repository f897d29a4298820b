package dev.vigil.ingest.event;

import static dev.vigil.ingest.support.TestEvents.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.ingest.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Nothing is reported accepted that the broker did not acknowledge: here no broker answers at all. */
@QuarkusTest
@TestProfile(BrokerUnavailableTest.NoBroker.class)
class BrokerUnavailableTest {

    private static final Duration FRAME_WAIT = Duration.ofSeconds(15);

    /** The producer of accepted events points at a port nothing listens on, and gives up after a second. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.events-out.bootstrap.servers", "127.0.0.1:1",
                    "mp.messaging.outgoing.events-out.max.block.ms", "1000",
                    "vigil.ingest.retry-after", "7s");
        }
    }

    @TestHTTPResource("/api/events/in")
    URI in;

    @Test
    void aBatchIs503WithRetryAfter() {
        given().contentType(ContentType.JSON).body("[" + event(UUID.randomUUID()) + "," + event(UUID.randomUUID()) + "]")
                .when().post("/api/events")
                .then().statusCode(503).header("Retry-After", equalTo("7"));
    }

    @Test
    void aWebsocketEventIsReportedRefusedBeforeTheReplyToTheNextFrame() throws Exception {
        try (SocketClient client = SocketClient.connect(in)) {
            client.send(event(UUID.randomUUID()));
            client.send("{}");
            assertThat(client.next(FRAME_WAIT)).contains("Event broker unavailable");
            assertThat(client.next(FRAME_WAIT)).contains("Event is invalid");
            assertThat(client.isClosed()).isFalse();
        }
    }
}
