package dev.vigil.ingest.stream;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.event;
import static dev.vigil.ingest.support.TestEvents.stored;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ingest.support.SocketClient;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.testsupport.auth.TestApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventsOutSocketTest {

    private static final Duration FRAME_WAIT = Duration.ofSeconds(10);
    private static final Duration LIVE_RETRY = Duration.ofSeconds(2);

    @TestHTTPResource("/api/events/out")
    URI out;

    @Inject
    Pool pool;

    private static void post(String... events) {
        given().contentType(ContentType.JSON).body("[" + String.join(",", events) + "]")
                .when().post("/api/events").then().statusCode(204);
    }

    private static String at(OffsetDateTime when) {
        return when.toString();
    }

    @Test
    void backfillsRecentMatchingEventsThenStreamsLiveOnes() throws Exception {
        String resource = "ws.out." + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID recent = UUID.randomUUID();
        UUID tooOld = UUID.randomUUID();
        UUID otherName = UUID.randomUUID();
        post(event(recent, at(now.minusMinutes(5)), "ws.test.backfilled", resource),
                event(tooOld, at(now.minusMinutes(20)), "ws.test.old", resource),
                event(otherName, at(now.minusMinutes(4)), "other.thing", resource));
        await().atMost(STORE_WAIT).until(() -> stored(pool, Workspaces.DEFAULT, recent) == 1
                && stored(pool, Workspaces.DEFAULT, tooOld) == 1 && stored(pool, Workspaces.DEFAULT, otherName) == 1);

        try (SocketClient client = SocketClient.connect(out, "prefect")) {
            client.send("{\"type\": \"auth\", \"token\": \"" + TestApiKeys.ADMIN + "\"}");
            assertThat(client.next(FRAME_WAIT)).isEqualTo("{\"type\":\"auth_success\"}");
            client.send("""
                    {"type": "filter", "backfill": true,
                     "filter": {"event": {"prefix": ["ws.test."]}, "resource": {"id": ["%s"]}}}""".formatted(resource));
            JsonPath backfilled = JsonPath.from(client.next(FRAME_WAIT));
            assertThat(backfilled.getString("type")).isEqualTo("event");
            assertThat(backfilled.getString("event.id")).isEqualTo(recent.toString());

            // The live consumer may still be joining its group: keep sending until one arrives.
            List<String> liveIds = new ArrayList<>();
            String frame = null;
            for (int attempt = 0; attempt < 10 && frame == null; attempt++) {
                UUID live = UUID.randomUUID();
                liveIds.add(live.toString());
                post(event(UUID.randomUUID(), at(OffsetDateTime.now(ZoneOffset.UTC)), "other.live", resource),
                        event(live, at(OffsetDateTime.now(ZoneOffset.UTC)), "ws.test.live", resource));
                frame = client.next(LIVE_RETRY);
            }
            assertThat(frame).isNotNull();
            assertThat(JsonPath.from(frame).getString("event.event")).isEqualTo("ws.test.live");
            assertThat(liveIds).contains(JsonPath.from(frame).getString("event.id"));
            String more;
            while ((more = client.next(Duration.ofSeconds(1))) != null) {
                assertThat(JsonPath.from(more).getString("event.event")).isEqualTo("ws.test.live");
            }
        }
    }

    @Test
    void firstMessageThatIsNotAFilterClosesWithProtocolError() throws Exception {
        try (SocketClient client = SocketClient.connect(out)) {
            client.send("{\"type\": \"hello\"}");
            assertThat(client.closeStatus(FRAME_WAIT)).startsWith("1002");
        }
    }

    @Test
    void filterWithUnknownKeysClosesWithProtocolError() throws Exception {
        try (SocketClient client = SocketClient.connect(out)) {
            client.send("{\"type\": \"filter\", \"filter\": {\"bogus\": true}}");
            assertThat(client.closeStatus(FRAME_WAIT)).isEqualTo("1002 Invalid filter");
        }
    }
}
