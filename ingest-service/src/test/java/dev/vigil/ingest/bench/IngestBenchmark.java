package dev.vigil.ingest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Throughput of ingest against a running service (with its broker): {@code POST /api/events} events/s
 * in batches of 100 and single-event requests/s, and {@code /api/events/in} websocket events/s. Not
 * a test; run it by hand:
 *
 * <pre>
 * mvn -B -q test-compile -pl ingest-service
 * java -cp ingest-service/target/test-classes dev.vigil.ingest.bench.IngestBenchmark http://127.0.0.1:8081 20 64
 * </pre>
 *
 * Arguments: base URL, seconds per phase, concurrent requests in flight. Uses only the JDK, so it
 * needs no class path beyond its own class.
 */
public final class IngestBenchmark {

    private static final int BATCH = 100;
    private static final int NO_CONTENT = 204;
    /** Websocket connections writing events at once. */
    private static final int SOCKETS = 16;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI events = URI.create((args.length > 0 ? args[0] : "http://127.0.0.1:8081") + "/api/events");
        Duration phase = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        run(client, events, 1, Duration.ofSeconds(3), inFlight);
        double batched = run(client, events, BATCH, phase, inFlight);
        double single = run(client, events, 1, phase, inFlight);
        URI socket = URI.create(events.toString().replaceFirst("^http", "ws") + "/in");
        double websocket = socketRun(client, socket, phase, SOCKETS);
        System.out.printf("batches of %d: %.0f events/s%nsingle events: %.0f requests/s%n"
                + "websocket (%d connections): %.0f events/s%n", BATCH, batched, single, SOCKETS, websocket);
    }

    /**
     * Events per second written to {@code /api/events/in} over {@code connections} sockets. The
     * protocol has no acknowledgement, but the server reads each connection's frames one at a time
     * (the next once the previous is published), so TCP back-pressure holds the writers to its pace.
     */
    private static double socketRun(HttpClient client, URI uri, Duration length, int connections) {
        AtomicLong sent = new AtomicLong();
        Instant end = Instant.now().plus(length);
        Instant start = Instant.now();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            loops.add(client.newWebSocketBuilder().subprotocols("prefect")
                    .buildAsync(uri, new WebSocket.Listener() { })
                    .thenCompose(ws -> send(ws, end, sent).thenCompose(ignored ->
                            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done")).thenApply(ignored -> null)));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        return sent.get() / seconds;
    }

    private static CompletableFuture<Void> send(WebSocket ws, Instant end, AtomicLong sent) {
        if (Instant.now().isAfter(end)) {
            return CompletableFuture.completedFuture(null);
        }
        String event = batch(1);
        return ws.sendText(event.substring(1, event.length() - 1), true).thenComposeAsync(ignored -> {
            sent.incrementAndGet();
            return send(ws, end, sent);
        });
    }

    /** Events per second accepted (204) during {@code length}, with {@code inFlight} requests outstanding. */
    private static double run(HttpClient client, URI uri, int perRequest, Duration length, int inFlight) {
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Instant end = Instant.now().plus(length);
        Instant start = Instant.now();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            loops.add(loop(client, uri, perRequest, end, accepted, failed));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        if (failed.get() > 0) {
            System.out.printf("  (%d requests failed)%n", failed.get());
        }
        return accepted.get() / seconds;
    }

    private static CompletableFuture<Void> loop(HttpClient client, URI uri, int perRequest, Instant end,
            AtomicLong accepted, AtomicLong failed) {
        if (Instant.now().isAfter(end)) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch(perRequest))).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            if (response.statusCode() == NO_CONTENT) {
                accepted.addAndGet(perRequest);
            } else {
                failed.incrementAndGet();
            }
            return loop(client, uri, perRequest, end, accepted, failed);
        });
    }

    private static String batch(int size) {
        String now = Instant.now().toString();
        return IntStream.range(0, size).mapToObj(i -> """
                {"id":"%s","occurred":"%s","event":"bench.event","resource":{"prefect.resource.id":"bench.%d"},\
                "payload":{"i":%d}}""".formatted(UUID.randomUUID(), now, i % 16, i))
                .collect(Collectors.joining(",", "[", "]"));
    }
}
