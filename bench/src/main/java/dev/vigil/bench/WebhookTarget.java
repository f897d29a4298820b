package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook the automations call: answers 200 after {@value #SERVICE_MILLIS} ms and records, per
 * idempotency key, when the first call arrived and which event (by the payload) it was about.
 */
final class WebhookTarget implements AutoCloseable {

    static final String PATH = "/hook";
    private static final long SERVICE_MILLIS = 1;
    private static final int THREADS = 32;

    /** One action effect: what the payload named, and the arrival time (System.nanoTime and wall clock). */
    record Arrival(String eventId, String resource, String triggered, long nanos, long epochMillis) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(THREADS);
    private final Map<String, Arrival> byKey = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong repeats = new AtomicLong();

    WebhookTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext(PATH, this::handle);
        server.setExecutor(workers);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    Map<String, Arrival> arrivals() {
        return byKey;
    }

    long calls() {
        return calls.get();
    }

    /** Calls that repeated an idempotency key already seen (retries or duplicates). */
    long repeats() {
        return repeats.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (exchange; InputStream body = exchange.getRequestBody()) {
            JsonNode payload = json.readTree(body.readAllBytes());
            calls.incrementAndGet();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            Arrival arrival = new Arrival(payload.path("event").asText(), payload.path("resource").asText(),
                    payload.path("triggered").asText(), now, System.currentTimeMillis());
            if (byKey.putIfAbsent(key == null ? "missing-" + now : key, arrival) != null) {
                repeats.incrementAndGet();
            }
            TimeUnit.MILLISECONDS.sleep(SERVICE_MILLIS);
            exchange.sendResponseHeaders(200, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
