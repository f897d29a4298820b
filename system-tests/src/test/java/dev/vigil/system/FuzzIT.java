package dev.vigil.system;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.testsupport.auth.TestApiKeys;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 7's fuzzer: 10k malformed or hostile requests through the gateway at {@code POST /api/events},
 * the events websocket, {@code /hooks/{slug}}, {@code POST /api/automations/} and
 * {@code /api/block_documents/}, interleaved with valid events on every ingest channel. Nothing may
 * answer 5xx, no service may die or grow without bound, and every valid event must be stored once and
 * evaluated once (its automation calls the receiver exactly once per event).
 *
 * <p>The seed is printed; rerun one with {@code -Dvigil.fuzz.seed=…}.
 */
@ExtendWith(VigilSystem.class)
class FuzzIT {

    private static final int REQUESTS = Integer.getInteger("vigil.fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("vigil.fuzz.seed", System.nanoTime());
    /** One request in this many is a valid event, sent in turn by REST, websocket and webhook. */
    private static final int VALID_EVERY = 50;
    /** Of the rest, one in this many is a hostile websocket message instead of an HTTP request. */
    private static final int SOCKET_EVERY = 8;
    private static final int BINARY_FRAME_EVERY = 10;
    private static final int IN_FLIGHT = 16;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Larger bodies may be cut off by the server (a 413 and a closed connection) before they are sent. */
    /** The events websocket's message limit; a larger message may end the connection. */
    private static final int MAX_SOCKET_MESSAGE = 2 * 1024 * 1024;
    private static final int SMALLEST_BODY_LIMIT = 1024 * 1024;
    /** Every service runs with a 384 MiB heap; a leak or an unbounded buffer shows as a resident set above this. */
    private static final long RESIDENT_LIMIT = 1024L * 1024 * 1024;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    private static final String VALID_EVENT = "fuzz.valid";
    private static final String RECEIVER_PATH = "/valid";
    private static final int MAX_REPORTED = 20;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT).build();
    private final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
    private final AtomicIntegerArray statusClasses = new AtomicIntegerArray(6);
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    @RegisterExtension
    final WebhookReceiver receiver = new WebhookReceiver(RECEIVER_PATH);

    @Test
    void hostileInputCausesNo5xxAndEveryValidEventIsProcessedOnce() throws Exception {
        System.out.println("FuzzIT seed " + SEED + " (rerun with -Dvigil.fuzz.seed=" + SEED + ")");
        String gateway = VigilSystem.gatewayUrl();
        ApiPrefix prefix = ApiPrefix.freshWorkspace();
        VigilApi api = new VigilApi(gateway, prefix);
        String blockId = api.createWebhookBlock("fuzz-receiver", receiver.url());
        api.createAutomation(validEventAutomation(blockId));
        String validHook = createWebhook(gateway, prefix, "{\"event\": \"" + VALID_EVENT + "\","
                + " \"resource\": {\"prefect.resource.id\": \"{{ body.id }}\"}}");
        String noiseHook = createWebhook(gateway, prefix, "{\"event\": \"fuzz.hook.noise\","
                + " \"resource\": {\"prefect.resource.id\": \"fuzz.hook.{{ body.id }}\"},"
                + " \"payload\": {{ body | tojson }}}");
        URI socketUri = URI.create(gateway.replace("http://", "ws://") + prefix.path("/events/in"));

        Random random = new Random(SEED);
        HostileRequests hostile = new HostileRequests(random, prefix, noiseHook);
        Set<String> validIds = new HashSet<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        try (EventSocketClient attacked = new EventSocketClient(http, socketUri);
             EventSocketClient clean = new EventSocketClient(http, socketUri)) {
            for (int i = 0; i < REQUESTS; i++) {
                if (i % VALID_EVERY == 0) {
                    String resourceId = VALID_EVENT + "." + validIds.size();
                    validIds.add(resourceId);
                    pending.add(sendValid(gateway, prefix, validHook, clean, resourceId, validIds.size()));
                } else if (i % SOCKET_EVERY == 0) {
                    sendHostileFrame(attacked, hostile.nextFrame(), i);
                } else {
                    pending.add(send(gateway, hostile.next()));
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();

            System.out.println("FuzzIT responses by status class (1xx..5xx): " + statusClasses);
            assertThat(serverErrors).as("requests answered 5xx or not at all (seed " + SEED + ")").isEmpty();
            assertThat(clean.closes()).as("the connection that only sent valid events").isEmpty();
            assertThat(attacked.closes()).as("closes of the attacked websocket: only an oversized message may end it")
                    .allSatisfy(close -> assertThat(close.largestMessage()).isGreaterThan(MAX_SOCKET_MESSAGE));
            assertThat(attacked.replies()).as("bad websocket messages are answered with error frames").isNotEmpty();
        }
        for (VigilService service : VigilService.values()) {
            assertThat(VigilSystem.isAlive(service)).as(service.module() + " still runs (logs: "
                    + VigilSystem.logDir() + ")").isTrue();
            given().baseUri(VigilSystem.serviceUrl(service)).get("/q/health/live").then().statusCode(200);
            assertThat(VigilSystem.residentBytes(service)).as(service.module() + " resident memory")
                    .isLessThan(RESIDENT_LIMIT);
        }
        awaitEveryValidEventActedOnOnce(validIds);
        assertStoredOnce(gateway, prefix, validIds.size());
    }

    /**
     * Issue 13's defect classes: NUL in every stored or filtered string, nulls in lists, durations beyond the
     * supported range, out-of-range signature timestamps, wrong JSON types, forged page tokens. Each must be
     * answered 4xx; the totals are printed.
     */
    @Test
    void defectClassesAnswer4xxNever5xx() {
        String gateway = VigilSystem.gatewayUrl();
        ApiPrefix prefix = ApiPrefix.freshWorkspace();
        String blockId = new VigilApi(gateway, prefix).createWebhookBlock("defects", receiver.url());
        List<DefectRequests.Defect> defects = new ArrayList<>(DefectRequests.all(blockId));
        defects.addAll(signatureTimestamps(gateway, prefix));
        defects.addAll(tamperedPageTokens(gateway, prefix));
        DefectRun run = new DefectRun(gateway, prefix);
        defects.forEach(run::send);

        System.out.println("FuzzIT defect classes (" + defects.size() + " requests): " + run.totals());
        assertThat(run.serverErrors()).as("defect requests answered 5xx").isEmpty();
        assertThat(run.not4xx()).as("defect requests not refused").isEmpty();
        for (VigilService service : VigilService.values()) {
            assertThat(VigilSystem.isAlive(service)).as(service.module() + " still runs").isTrue();
        }
    }

    /**
     * The same defect requests without a key, with an unknown key, a malformed one and a non-bearer scheme:
     * every answer is 401, except the open {@code /hooks/} endpoints, which refuse them with their own 4xx, and
     * the request lines nginx itself refuses (a NUL in the path: its 400, before any service or key check).
     */
    @Test
    void defectClassesUnauthenticatedAnswer401Never5xx() {
        String gateway = VigilSystem.gatewayUrl();
        ApiPrefix prefix = ApiPrefix.freshWorkspace();
        String blockId = new VigilApi(gateway, prefix).createWebhookBlock("defects-anonymous", receiver.url());
        List<DefectRequests.Defect> defects = new ArrayList<>(DefectRequests.all(blockId));
        defects.addAll(signatureTimestamps(gateway, prefix));
        defects.addAll(tamperedPageTokens(gateway, prefix));
        DefectRun run = new DefectRun(gateway, prefix);
        List<DefectRun.Caller> callers = List.of(DefectRun.Caller.NO_KEY, DefectRun.Caller.UNKNOWN_KEY,
                DefectRun.Caller.MALFORMED_KEY, DefectRun.Caller.NOT_BEARER);
        callers.forEach(caller -> defects.forEach(defect -> run.send(defect, caller)));

        System.out.println("FuzzIT defect classes unauthenticated (" + defects.size() * callers.size()
                + " requests): " + run.totals());
        assertThat(run.serverErrors()).as("unauthenticated defect requests answered 5xx").isEmpty();
        assertThat(run.not4xx()).as("unauthenticated defect requests not refused").isEmpty();
        assertThat(run.notRefusedAnonymous()).as("unauthenticated requests to closed endpoints not 401").isEmpty();
        for (VigilService service : VigilService.values()) {
            assertThat(VigilSystem.isAlive(service)).as(service.module() + " still runs").isTrue();
        }
    }

    /**
     * 64 clients at once PUT, PATCH and DELETE the same and different automations, blocks and webhooks: every
     * request answers without a 5xx, and afterwards no database connection is left inside a transaction.
     */
    @Test
    void concurrentChangesAllAnswerAndLeaveNoConnectionBusy() throws Exception {
        ConcurrentChanges run = new ConcurrentChanges(VigilSystem.gatewayUrl(), ApiPrefix.freshWorkspace());
        run.run(receiver.url());

        System.out.println("FuzzIT concurrent changes by status (" + ConcurrentChanges.CLIENTS + " clients): "
                + run.statuses());
        assertThat(run.failures()).as("changes answered 5xx or not at all").isEmpty();
        assertThat(run.statuses().keySet()).as("statuses").allMatch(status -> status < 500);
        await("no connection left busy").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> ConcurrentChanges.busyConnections() == 0);
    }

    private static List<DefectRequests.Defect> signatureTimestamps(String gateway, ApiPrefix prefix) {
        String template = "{\"event\": \"fuzz.signed\", \"resource\": {\"prefect.resource.id\": \"fuzz.signed\"}}";
        String stripe = createSignedWebhook(gateway, prefix, template, "stripe", "stripe-secret");
        String standard = createSignedWebhook(gateway, prefix, template, "standard-webhooks",
                "whsec_" + java.util.Base64.getEncoder().encodeToString("standard-secret".getBytes(StandardCharsets.UTF_8)));
        List<DefectRequests.Defect> defects = new ArrayList<>();
        for (String t : List.of("99999999999999999", "-9223372036854775808", "9223372036854775807",
                "-99999999999999999999", "1e10", "", "x")) {
            defects.add(new DefectRequests.Defect("Stripe-Signature t=" + t, "POST", "/hooks/" + stripe, "{}",
                    Map.of("Stripe-Signature", "t=" + t + ",v1=00")));
            defects.add(new DefectRequests.Defect("webhook-timestamp " + t, "POST", "/hooks/" + standard, "{}",
                    Map.of("webhook-id", "msg_1", "webhook-timestamp", t, "webhook-signature", "v1,AAAA")));
        }
        return defects;
    }

    /** A real next-page token with its payload or its MAC changed, and one moved to another workspace. */
    private static List<DefectRequests.Defect> tamperedPageTokens(String gateway, ApiPrefix prefix) {
        new VigilApi(gateway, prefix).postEvents(List.of(VigilApi.event("fuzz.page", "fuzz.page.1"),
                VigilApi.event("fuzz.page", "fuzz.page.2"), VigilApi.event("fuzz.page", "fuzz.page.3")));
        String filter = "{\"limit\": 1, \"filter\": {\"event\": {\"name\": [\"fuzz.page\"]},"
                + " \"occurred\": {\"since\": \"" + Instant.now().minus(Duration.ofHours(1)) + "\"}}}";
        String next = await("a second page").atMost(PROCESSING_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> given().baseUri(gateway).contentType(ContentType.JSON).body(filter)
                        .post(prefix.path("/events/filter")).then().statusCode(200)
                        .extract().<String>path("next_page"), java.util.Objects::nonNull);
        String token = next.substring(next.indexOf("page-token=") + "page-token=".length());
        int dot = token.lastIndexOf('.');
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, dot)),
                StandardCharsets.UTF_8);
        String bigger = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"page_size\":1", "\"page_size\":3000").getBytes(StandardCharsets.UTF_8));
        List<DefectRequests.Defect> defects = new ArrayList<>();
        defects.add(new DefectRequests.Defect("page token with page_size 3000", "GET",
                "/events/filter/next?page-token=" + bigger + token.substring(dot), null));
        defects.add(new DefectRequests.Defect("page token without its MAC", "GET",
                "/events/filter/next?page-token=" + token.substring(0, dot), null));
        defects.add(new DefectRequests.Defect("page token with a changed MAC", "GET",
                "/events/filter/next?page-token=" + token.substring(0, dot) + ".AAAA" + token.substring(dot + 5), null));
        defects.add(new DefectRequests.Defect("page token of another workspace", "GET",
                ApiPrefix.freshWorkspace().path("/events/filter/next?page-token=" + token), null));
        return defects;
    }

    private static String createSignedWebhook(String gateway, ApiPrefix prefix, String template, String scheme,
                                              String secret) {
        return given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("name", "fuzz-" + scheme + "-" + System.nanoTime(), "template", template,
                        "signature", Map.of("scheme", scheme, "secret", secret)))
                .post(prefix.path("/webhooks"))
                .then().statusCode(201).extract().path("slug");
    }

    private CompletableFuture<Void> sendValid(String gateway, ApiPrefix prefix, String validHook,
                                              EventSocketClient socket, String resourceId, int n) {
        Map<String, Object> event = VigilApi.event(VALID_EVENT, resourceId);
        switch (n % 3) {
            case 0 -> {
                return expect204(gateway, "POST", prefix.path("/events"), toJson(List.of(event)));
            }
            case 1 -> {
                socket.sendText(toJson(event));
                return CompletableFuture.completedFuture(null);
            }
            default -> {
                return expect204(gateway, "POST", "/hooks/" + validHook, toJson(Map.of("id", resourceId)));
            }
        }
    }

    private CompletableFuture<Void> expect204(String gateway, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.forPath(path)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            if (response.statusCode() != 204) {
                serverErrors.add("a valid event was refused: " + method + " " + path + " -> "
                        + response.statusCode() + " " + response.body());
            }
        });
    }

    private CompletableFuture<Void> send(String gateway, HostileRequests.HostileRequest hostile) {
        inFlight.acquireUninterruptibly();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + hostile.path())).timeout(REQUEST_TIMEOUT)
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.forPath(hostile.path())))
                .header("Content-Type", hostile.contentType())
                .method(hostile.method(), HttpRequest.BodyPublishers.ofByteArray(hostile.body())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    inFlight.release();
                    record(hostile, response, error);
                    return null;
                });
    }

    private void record(HostileRequests.HostileRequest hostile, HttpResponse<String> response, Throwable error) {
        if (error != null) {
            boolean cutOffLargeBody = hostile.body().length > SMALLEST_BODY_LIMIT && error.getCause() instanceof IOException;
            if (!cutOffLargeBody) {
                report(hostile.describe() + " -> no response: " + error);
            }
            return;
        }
        int status = response.statusCode();
        statusClasses.incrementAndGet(status / 100);
        if (status >= 500) {
            String body = response.body();
            report(hostile.describe() + " -> " + status + " " + body.substring(0, Math.min(body.length(), 300)));
        }
    }

    private void report(String failure) {
        if (serverErrors.size() < MAX_REPORTED) {
            serverErrors.add(failure);
        }
    }

    private void sendHostileFrame(EventSocketClient socket, byte[] frame, int i) {
        if (i % BINARY_FRAME_EVERY == 0) {
            socket.sendBinary(frame);
        } else {
            socket.sendText(new String(frame, StandardCharsets.UTF_8));
        }
    }

    private void awaitEveryValidEventActedOnOnce(Set<String> validIds) {
        await("one receiver call per valid event (logs: " + VigilSystem.logDir() + ")")
                .atMost(PROCESSING_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> receiverCalls().size() >= validIds.size());
        List<String> calls = receiverCalls();
        Map<String, Integer> callsPerId = new HashMap<>();
        calls.forEach(id -> callsPerId.merge(id, 1, Integer::sum));
        assertThat(callsPerId.keySet()).isEqualTo(validIds);
        assertThat(callsPerId).allSatisfy((id, count) -> assertThat(count).as("calls for " + id).isEqualTo(1));
    }

    private List<String> receiverCalls() {
        List<String> ids = new ArrayList<>();
        for (LoggedRequest call : receiver.findAll(postRequestedFor(urlPathEqualTo(RECEIVER_PATH)))) {
            ids.add(readTree(call.getBodyAsString()).path("id").asText());
        }
        return ids;
    }

    private void assertStoredOnce(String gateway, ApiPrefix prefix, int expected) {
        String filter = "{\"filter\": {\"event\": {\"name\": [\"" + VALID_EVENT + "\"]},"
                + " \"occurred\": {\"since\": \"" + Instant.now().minus(Duration.ofHours(1)) + "\"}}}";
        await("every valid event stored").atMost(PROCESSING_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().baseUri(gateway).contentType(ContentType.JSON).body(filter)
                        .post(prefix.path("/events/count-by/event"))
                        .then().statusCode(200)
                        .body("count", org.hamcrest.Matchers.equalTo(List.of(expected))));
    }

    private static String createWebhook(String gateway, ApiPrefix prefix, String template) {
        return given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("name", "fuzz-" + System.nanoTime(), "template", template))
                .post(prefix.path("/webhooks"))
                .then().statusCode(201).extract().path("slug");
    }

    private static Map<String, Object> validEventAutomation(String blockId) {
        return Map.of(
                "name", "fuzz-valid-events",
                "trigger", Map.of(
                        "type", "event",
                        "expect", List.of(VALID_EVENT),
                        "match", Map.of("prefect.resource.id", VALID_EVENT + ".*"),
                        "for_each", List.of("prefect.resource.id"),
                        "posture", "Reactive",
                        "threshold", 1,
                        "within", 60),
                "actions", List.of(Map.of(
                        "type", "call-webhook",
                        "block_document_id", blockId,
                        "payload", "{\"id\": \"{{ event.resource.id }}\"}")));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
