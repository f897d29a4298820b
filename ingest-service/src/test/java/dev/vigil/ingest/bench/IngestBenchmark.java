package dev.vigil.ingest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Throughput of {@code POST /api/events} against a running ingest service (with its broker):
 * events/s in batches of 100, and single-event requests/s. Not a test; run it by hand:
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
        System.out.printf("batches of %d: %.0f events/s%nsingle events: %.0f requests/s%n", BATCH, batched, single);
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
