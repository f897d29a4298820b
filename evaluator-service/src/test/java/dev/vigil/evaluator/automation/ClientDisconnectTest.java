package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.auth.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that sends {@code POST /api/automations/} and goes away before the answer must not cut
 * the transaction short: the automation is stored (and evaluated) as if it had waited, and Hibernate
 * Reactive's session is never closed under a running insert (HHH000099, HR000090).
 */
@QuarkusTest
class ClientDisconnectTest {

    private static final int CLIENTS = 40;

    private final List<String> problems = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String text = record.getMessage() + " " + record.getThrown();
            if (text.contains("HHH000099") || text.contains("HR000090") || text.contains("AssertionFailure")
                    || text.contains("Session/EntityManager is closed")) {
                synchronized (problems) {
                    problems.add(text);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aCreationWhoseClientHungUpStillCompletes() throws Exception {
        String base = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + UUID.randomUUID();
        for (int i = 0; i < CLIENTS; i++) {
            sendAndHangUp(base + "/automations/", """
                    {"name": "hung-up-%d", "trigger": {"posture": "Reactive", "expect": ["x.hung-up"]},
                     "actions": [{"type": "do-nothing"}]}""".formatted(i));
        }

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(given().contentType(ContentType.JSON).body("{}").post(base + "/automations/count")
                        .then().statusCode(200).extract().asString()).isEqualTo(String.valueOf(CLIENTS)));
        // The service still answers, and nothing broke a session on the way.
        given().get("/api/automations/" + UUID.randomUUID()).then().statusCode(404);
        synchronized (problems) {
            assertThat(problems).isEmpty();
        }
    }

    /** Writes a whole request on a raw socket and closes it at once with a reset, without reading. */
    private static void sendAndHangUp(String path, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoLinger(true, 0);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + TestApiKeys.bearer(TestApiKeys.forPath(path)) + "\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }
    }
}
