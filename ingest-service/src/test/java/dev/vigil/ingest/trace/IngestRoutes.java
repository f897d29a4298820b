package dev.vigil.ingest.trace;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.support.SocketClient;
import dev.vigil.ingest.support.TestEvents;
import dev.vigil.support.trace.Traces;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The three ways events come in (a REST batch, an incoming webhook, the events websocket), each called with or
 * without a {@code traceparent}, and how to find the record each one produced on the {@code events} topic.
 */
final class IngestRoutes {

    /** A sampled caller's context. */
    static final String CALLER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";

    private static final Duration FRAME_WAIT = Duration.ofSeconds(10);
    private static final String TEMPLATE = """
            {"event": "traced.hook", "resource": {"prefect.resource.id": "{{ body.id }}"}}""";
    private static final String FAILED = "prefect-cloud.webhook.failed";
    private static final String SIGNED = "{\"scheme\": \"github\", \"secret\": \"s3cret\"}";

    private IngestRoutes() {
    }

    /** {@code POST /api/events} of one event of {@code resource}. */
    static void rest(String resource, String traceparent) {
        with(traceparent).contentType(ContentType.JSON).body("[" + event(resource) + "]")
                .post("/api/events").then().statusCode(204);
    }

    /** A call to a new webhook that makes one event of {@code resource}. */
    static void hook(String resource, String traceparent) {
        String slug = webhook("null").getString("slug");
        with(traceparent).contentType(ContentType.JSON).body(Map.of("id", resource))
                .post("/hooks/" + slug).then().statusCode(204);
    }

    /**
     * An unsigned call to a new signed webhook: refused with 401, it makes a {@code prefect-cloud.webhook.failed}
     * event; answers that event's resource id.
     */
    static String refusedHook(String traceparent) {
        JsonPath webhook = webhook(SIGNED);
        with(traceparent).contentType(ContentType.JSON).body(Map.of("id", "unsigned"))
                .post("/hooks/" + webhook.getString("slug")).then().statusCode(401);
        return "prefect-cloud.webhook." + webhook.getString("id");
    }

    /**
     * One event of {@code resource} over the events websocket, whose handshake carries {@code traceparent}; returns
     * once the broker has acknowledged it (the reply to a later bad frame waits for that).
     */
    static void socket(URI in, String resource, String traceparent) throws Exception {
        Map<String, String> headers = traceparent == null ? Map.of() : Map.of(Traces.HEADER, traceparent);
        try (SocketClient client = SocketClient.connectWithHeaders(in, headers)) {
            client.send(event(resource));
            client.send("{not json");
            String reply = client.next(FRAME_WAIT);
            if (reply == null || !reply.contains("json_invalid")) {
                throw new AssertionError("the bad frame after the event was not answered: " + reply);
            }
        }
    }

    static String resource() {
        return "traced." + UUID.randomUUID();
    }

    static Predicate<JsonNode> ofResource(String resource) {
        return record -> resource.equals(record.path("resource").path("prefect.resource.id").asText());
    }

    /** The failure event of a refused call (the webhook's resource has its lifecycle events too). */
    static Predicate<JsonNode> failureOf(String resource) {
        return ofResource(resource).and(record -> FAILED.equals(record.path("event").asText()));
    }

    private static RequestSpecification with(String traceparent) {
        RequestSpecification request = given();
        return traceparent == null ? request : request.header(Traces.HEADER, traceparent);
    }

    private static JsonPath webhook(String signature) {
        String body = """
                {"name": "traced", "template": %s, "signature": %s}""".formatted(Json.encode(TEMPLATE), signature);
        return given().contentType(ContentType.JSON).body(body)
                .post(TestEvents.workspacePath(TestEvents.freshWorkspace(), "/webhooks"))
                .then().statusCode(201).extract().jsonPath();
    }

    private static String event(String resource) {
        return TestEvents.event(UUID.randomUUID(), Instant.now().toString(), "traced.event", resource);
    }
}
