package dev.vigil.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testsupport.auth.TestApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A client posting small batches of events at a fixed rate, each resource of a batch new (the same number of
 * events about each, one by default), and remembering which resources' events the system accepted (204). Any
 * other outcome (503 while the broker is away, or no answer) leaves the client uncertain: such events may or may
 * not be processed.
 */
final class SteadyLoad implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> uncertain = ConcurrentHashMap.newKeySet();
    private volatile Exception firstFailure;
    private final AtomicInteger next = new AtomicInteger();
    private final URI events;
    private final String eventName;
    private final IntFunction<String> resourceId;
    private final int batchSize;
    private final int eventsPerResource;

    /** {@code batchSize} events every {@code period}, each about a resource {@code resourcePrefix + n} of its own. */
    SteadyLoad(String gateway, ApiPrefix prefix, String eventName, String resourcePrefix, int batchSize,
               Duration period) {
        this(gateway, prefix, eventName, n -> resourcePrefix + n, batchSize, 1, period);
    }

    /**
     * Every {@code period}, one request with {@code eventsPerResource} events about each of {@code resources} new
     * resources, the n-th resource of the run named {@code resourceId.apply(n)}.
     */
    SteadyLoad(String gateway, ApiPrefix prefix, String eventName, IntFunction<String> resourceId, int resources,
               int eventsPerResource, Duration period) {
        this.events = URI.create(gateway + prefix.path("/events"));
        this.eventName = eventName;
        this.resourceId = resourceId;
        this.batchSize = resources;
        this.eventsPerResource = eventsPerResource;
        clock.scheduleAtFixedRate(this::postBatch, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Resource ids of the accepted events. */
    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    /** The first request that got no answer, for failure messages; null if every request was answered. */
    Exception firstFailure() {
        return firstFailure;
    }

    /** Resource ids of the events that got no 204. */
    Set<String> uncertain() {
        return Set.copyOf(uncertain);
    }

    @Override
    public void close() {
        clock.shutdown();
        try {
            clock.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void postBatch() {
        List<String> resources = new ArrayList<>(batchSize);
        List<Map<String, Object>> batch = new ArrayList<>(batchSize * eventsPerResource);
        for (int i = 0; i < batchSize; i++) {
            String resource = resourceId.apply(next.getAndIncrement());
            resources.add(resource);
            for (int j = 0; j < eventsPerResource; j++) {
                batch.add(VigilApi.event(eventName, resource));
            }
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(events).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", TestApiKeys.bearer(TestApiKeys.forPath(events.getPath())))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(batch))).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == VigilApi.NO_CONTENT) {
                accepted.addAll(resources);
            } else {
                uncertain.addAll(resources);
            }
        } catch (IOException | RuntimeException e) {
            // A scheduled task that throws is never run again: note the failure and go on.
            if (firstFailure == null) {
                firstFailure = e;
            }
            uncertain.addAll(resources);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
