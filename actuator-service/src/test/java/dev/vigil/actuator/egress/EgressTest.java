package dev.vigil.actuator.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.delivery.HttpCall;
import dev.vigil.actuator.delivery.HttpReply;
import dev.vigil.actuator.delivery.HttpSender;
import dev.vigil.actuator.delivery.PreparedCall;
import dev.vigil.actuator.support.Blocks;
import dev.vigil.actuator.support.Executions;
import dev.vigil.actuator.support.InVertx;
import dev.vigil.actuator.support.Messages;
import dev.vigil.actuator.support.Receiver;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import dev.vigil.testsupport.kafka.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * The egress guard with the test profile's allow list ({@code 127.0.0.1/32}, WireMock): refused literal
 * addresses, URL user info and bad headers are 422s at block creation naming the field; a bad header that
 * got stored anyway fails its action once, and its value shows nowhere; replies are bounded; redirects are
 * not followed; a name is called at the address checked, with its own Host header.
 */
@QuarkusTest
@QuarkusTestResource(Receiver.class)
class EgressTest {

    private static final String SECRET = "hunter2-" + UUID.randomUUID();

    @Inject
    ActionExecutor executor;

    @Inject
    HttpSender sender;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "vigil.actuator.max-response-bytes")
    int maxResponseBytes;

    private static String block(String type, Map<String, Object> data) {
        try {
            return VigilJson.mapper().writeValueAsString(Map.of("name", "egress-" + UUID.randomUUID(),
                    "block_type_slug", type, "data", data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refused(String type, Map<String, Object> data, List<Object> loc) {
        given().contentType(ContentType.JSON).body(block(type, data)).post("/api/block_documents/")
                .then().statusCode(422)
                .body("exception_detail.loc", hasItem(loc))
                .body(not(containsString(SECRET)));
    }

    @Test
    void literalRefusedAddressesAre422NamingTheUrl() {
        List<Object> url = List.of("body", "data", "url");
        for (String target : List.of("http://10.0.0.1/" + SECRET, "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:8083/", "http://[::ffff:127.0.0.2]/", "http://0.0.0.0:8083/", "http://0x7f000002/",
                "http://172.16.0.1/", "http://192.168.1.1/", "http://[fd00::1]/", "http://[fe80::1]/",
                "http://224.0.0.1/", "http://255.255.255.255/", "http://999.0.0.1/")) {
            refused("webhook", Map.of("url", target), url);
        }
        refused("slack-webhook", Map.of("url", "http://10.1.2.3/services/" + SECRET), url);
        refused("custom-webhook", Map.of("url", "http://[::ffff:a9fe:a9fe]/"), url);
    }

    @Test
    void urlUserInfoIs422() {
        refused("webhook", Map.of("url", "http://x@127.0.0.1:8083/api/block_documents/filter"),
                List.of("body", "data", "url"));
        refused("webhook", Map.of("url", "https://user:" + SECRET + "@hooks.example.com/"),
                List.of("body", "data", "url"));
    }

    @Test
    void aPatchToARefusedAddressIs422() {
        UUID id = Blocks.webhook(Receiver.url("/fine"));
        given().contentType(ContentType.JSON).body("{\"data\": {\"url\": \"http://10.0.0.1/\"}}")
                .patch("/api/block_documents/" + id)
                .then().statusCode(422).body("exception_detail[0].loc", equalTo(List.of("body", "data", "url")));
    }

    @Test
    void badOrHopByHopHeadersAre422NamingTheHeader() {
        for (String name : List.of("Host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade",
                "Keep-Alive", "TE", "Trailer", "Proxy-Authorization")) {
            refused("webhook", Map.of("url", Receiver.url("/h"), "headers", Map.of(name, SECRET)),
                    List.of("body", "data", "headers", name));
            refused("custom-webhook", Map.of("url", Receiver.url("/h"), "headers", Map.of(name, SECRET)),
                    List.of("body", "data", "headers", name));
        }
        for (String value : List.of(SECRET + "\r\n", SECRET + "\r\nX-Injected: yes", SECRET + "\u0000",
                SECRET + "\u0007")) {
            refused("webhook", Map.of("url", Receiver.url("/h"), "headers", Map.of("Authorization", value)),
                    List.of("body", "data", "headers", "Authorization"));
        }
        for (String name : List.of("Bad Name", "X-A\r\nX-B", "X(1)", "")) {
            refused("webhook", Map.of("url", Receiver.url("/h"), "headers", Map.of(name, SECRET)),
                    List.of("body", "data", "headers"));
        }
    }

    @Test
    void aStoredHeaderWithCrLfFailsOnceAndItsValueShowsNowhere() {
        String path = "/crlf/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        UUID block = Blocks.create("webhook", Map.of("url", Receiver.url(path), "headers", Map.of("X-Key", "ok")));
        // What a block stored before headers were checked may hold.
        InVertx.await(() -> pool.preparedQuery("UPDATE actuator.block_documents SET data = jsonb_set(data, "
                + "'{headers}', $2::text::jsonb) WHERE id = $1").execute(Tuple.of(block,
                "{\"X-Key\": \"" + SECRET + "\\r\\nX-Injected: yes\"}")));
        ActionMessage message = Messages.of(new CallWebhook(block, "{}"));
        List<String> logs = new CopyOnWriteArrayList<>();
        Handler capture = capturing(logs);
        Logger.getLogger("").addHandler(capture);
        try (TopicReader events = new TopicReader(bootstrap, "events")) {
            InVertx.await(() -> executor.execute(message));

            JsonPath execution = Executions.of(message);
            assertThat(execution.getString("status")).isEqualTo("failed");
            assertThat(execution.getList("attempts")).hasSize(1);
            assertThat(execution.getString("attempts[0].error")).contains("X-Key").contains("control characters");
            assertThat(execution.prettify()).doesNotContain(SECRET);
            JsonNode failed = events.awaitFirst(e -> "prefect.automation.action.failed".equals(e.path("event").asText())
                    && e.toString().contains(message.automation().id().toString()), Duration.ofSeconds(30));
            assertThat(failed.toString()).doesNotContain(SECRET).contains("X-Key");
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertThat(logs).anyMatch(line -> line.contains(message.idempotencyKey()));
        assertThat(logs).noneMatch(line -> line.contains(SECRET));
        assertThat(Receiver.SERVER.findAll(anyRequestedFor(urlEqualTo(path)))).isEmpty();
    }

    @Test
    void aNameIsCalledAtItsCheckedAddressWithItsOwnHostHeader() {
        String path = "/named/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        int port = Receiver.SERVER.port();
        ActionMessage message = Messages.of(new CallWebhook(Blocks.webhook("http://localhost:" + port + path), "{}"));
        InVertx.await(() -> executor.execute(message));

        assertThat(Executions.of(message).getString("status")).isEqualTo("succeeded");
        // Not asserted: how many attempts it took (a pooled connection the target closed costs a retry).
        assertThat(Receiver.SERVER.findAll(anyRequestedFor(urlEqualTo(path)))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getHeader("Host")).isEqualTo("localhost:" + port));
    }

    /** A name that never resolves ({@code .invalid}) reached at the address given: no second lookup to rebind. */
    @Test
    void theCheckedAddressIsWhatTheClientConnectsTo() {
        String path = "/pinned/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("pinned")));
        int port = Receiver.SERVER.port();
        HttpCall call = new HttpCall("GET", "http://rebound.invalid:" + port + path, Map.of(), "", false, null);
        PreparedCall prepared = new PreparedCall(call, TargetUrl.parse(call.url()),
                new InetSocketAddress("127.0.0.1", port));
        HttpReply reply = InVertx.await(() -> sender.send(prepared, null));

        assertThat(reply.body()).isEqualTo("pinned");
        assertThat(Receiver.SERVER.findAll(anyRequestedFor(urlEqualTo(path)))).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Host")).isEqualTo("rebound.invalid:" + port));
    }

    @Test
    void redirectsAreNotFollowed() {
        String path = "/redirect/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", Receiver.url(path + "/elsewhere"))));
        ActionMessage message = Messages.of(new CallWebhook(Blocks.webhook(Receiver.url(path)), "{}"));
        InVertx.await(() -> executor.execute(message));

        JsonPath execution = Executions.of(message);
        assertThat(execution.getString("status")).isEqualTo("failed");
        assertThat(execution.getList("attempts.status_code")).containsExactly(302);
        assertThat(Receiver.SERVER.findAll(anyRequestedFor(urlPathMatching(path + "/elsewhere")))).isEmpty();
    }

    @Test
    void aLargeReplyIsReadOnlyUpToTheBound() {
        String path = "/large/" + UUID.randomUUID();
        Receiver.SERVER.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withBody("x".repeat(3 * maxResponseBytes))));
        HttpReply reply = InVertx.await(() -> sender.send(new HttpCall("GET", Receiver.url(path), Map.of(), "",
                false, null), null));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).hasSize(maxResponseBytes);
    }

    private static Handler capturing(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                lines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
