package dev.vigil.ingest.stream;

import static dev.vigil.ingest.support.TestEvents.STORE_WAIT;
import static dev.vigil.ingest.support.TestEvents.event;
import static dev.vigil.ingest.support.TestEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.ingest.support.SocketClient;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.ApiKeyStore;
import dev.vigil.support.auth.ApiKeys;
import dev.vigil.support.auth.Role;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Prefect's websocket auth: the first frame, or the handshake's Authorization header (Prefect Cloud's client). */
@QuarkusTest
class SocketAuthenticationTest {

    private static final Duration FRAME_WAIT = Duration.ofSeconds(10);
    private static final String SUCCESS = "{\"type\":\"auth_success\"}";
    private static final String POLICY_VIOLATION = "1008";

    @TestHTTPResource("/api/events/in")
    URI in;

    @TestHTTPResource("/api/events/out")
    URI out;

    @Inject
    Pool pool;

    @Inject
    ApiKeyStore store;

    @Test
    void anAuthFrameWithAValidKeyOpensTheStream() throws Exception {
        UUID id = UUID.randomUUID();
        String emitter = key(Role.EVENTS);
        try (SocketClient client = SocketClient.connectAnonymous(in, "prefect")) {
            client.send(auth(emitter));
            assertThat(client.next(FRAME_WAIT)).isEqualTo(SUCCESS);
            client.send(event(id));
        }
        await().atMost(STORE_WAIT).until(() -> stored(pool, Workspaces.DEFAULT, id) == 1);
    }

    /** Prefect's open-source subscriber sends PREFECT_API_AUTH_STRING as the token: "<user>:<key>". */
    @Test
    void anAuthStringWithTheKeyAsPasswordIsAccepted() throws Exception {
        try (SocketClient client = SocketClient.connectAnonymous(out, "prefect")) {
            client.send(auth("vigil:" + key(Role.READ)));
            assertThat(client.next(FRAME_WAIT)).isEqualTo(SUCCESS);
        }
    }

    @Test
    void aBadKeyGetsAuthFailureAndAPolicyViolationClose() throws Exception {
        for (String token : new String[] {"anything", ApiKeys.generate(), key(Role.READ)}) {
            try (SocketClient client = SocketClient.connectAnonymous(in, "prefect")) {
                client.send(auth(token));
                assertThat(client.next(FRAME_WAIT)).startsWith("{\"type\":\"auth_failure\"").contains("reason");
                assertThat(client.closeStatus(FRAME_WAIT)).startsWith(POLICY_VIOLATION);
            }
        }
        try (SocketClient client = SocketClient.connectAnonymous(out, "prefect")) {
            client.send(auth(key(Role.EVENTS)));
            assertThat(client.next(FRAME_WAIT)).contains("auth_failure").contains("role events");
            assertThat(client.closeStatus(FRAME_WAIT)).startsWith(POLICY_VIOLATION);
        }
    }

    @Test
    void withoutAKeyTheFirstFrameMustAuthenticate() throws Exception {
        UUID id = UUID.randomUUID();
        try (SocketClient client = SocketClient.connectAnonymous(in, "prefect")) {
            client.send(event(id));
            assertThat(client.next(FRAME_WAIT)).contains("auth_failure").contains("Expected an auth message");
            assertThat(client.closeStatus(FRAME_WAIT)).startsWith(POLICY_VIOLATION);
        }
        try (SocketClient client = SocketClient.connectAnonymous(out, "prefect")) {
            client.send("{\"type\": \"filter\", \"filter\": {}}");
            assertThat(client.next(FRAME_WAIT)).contains("auth_failure");
            assertThat(client.closeStatus(FRAME_WAIT)).startsWith(POLICY_VIOLATION);
        }
        assertThat(stored(pool, Workspaces.DEFAULT, id)).isZero();
    }

    @Test
    void aKeyInTheHandshakeIsEnoughAndABadOneIsRefusedThere() throws Exception {
        UUID id = UUID.randomUUID();
        try (SocketClient client = SocketClient.connect(in, "prefect")) {
            client.send(event(id));
        }
        await().atMost(STORE_WAIT).until(() -> stored(pool, Workspaces.DEFAULT, id) == 1);
        assertThatThrownBy(() -> SocketClient.connectWith(in, "bearer " + ApiKeys.generate(), "prefect"))
                .hasStackTraceContaining("401");
    }

    @Test
    void anotherWorkspacesKeyIsRefused() throws Exception {
        String other = ApiKeys.generate();
        store.create(UUID.randomUUID(), UUID.randomUUID(), "other", Role.ADMIN, null, ApiKeys.hash(other))
                .await().atMost(FRAME_WAIT);
        try (SocketClient client = SocketClient.connectAnonymous(in, "prefect")) {
            client.send(auth(other));
            assertThat(client.next(FRAME_WAIT)).contains("auth_failure").contains("Not Found");
            assertThat(client.closeStatus(FRAME_WAIT)).startsWith(POLICY_VIOLATION);
        }
    }

    private String key(Role role) {
        String key = ApiKeys.generate();
        store.create(Workspaces.DEFAULT, Workspaces.DEFAULT, "socket " + role.wireName(), role, null, ApiKeys.hash(key))
                .await().atMost(FRAME_WAIT);
        return key;
    }

    private static String auth(String token) {
        return "{\"type\": \"auth\", \"token\": \"" + token + "\"}";
    }
}
