package dev.vigil.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.json.VigilJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/** The REST calls the benchmark makes, in a workspace of its own. */
final class VigilClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The evaluator's largest {@code limit} for {@code /automations/filter}. */
    private static final int FILTER_PAGE = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String ingest;
    private final String evaluator;
    private final String actuator;
    final UUID workspace = UUID.randomUUID();
    private final UUID account = UUID.randomUUID();
    private final String prefix = "/api/accounts/" + account + "/workspaces/" + workspace;
    /** {@code Bearer <key>} of a key of the fresh workspace, made with the admin key (ApiKey), if there is one. */
    private final Optional<String> authorization;

    VigilClient(Options options) {
        this.ingest = options.ingest();
        this.evaluator = options.evaluator();
        this.actuator = options.actuator();
        this.authorization = ApiKey.authorization().map(admin -> "Bearer " + workspaceKey(admin));
    }

    /** The default workspace's admin makes a write key for the bench's fresh workspace. */
    private String workspaceKey(String adminAuthorization) {
        Map<String, Object> body = Map.of("name", "bench", "role", "write",
                "account_id", account.toString(), "workspace_id", workspace.toString());
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(evaluator + "/api/api_keys")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("Authorization", adminAuthorization)
                    .POST(HttpRequest.BodyPublishers.ofString(VigilJson.mapper().writeValueAsString(body))).build();
            return send(request, 201).path("key").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    String createWebhookBlock(String url) {
        Map<String, Object> body = Map.of("name", "bench-target", "block_type_slug", "webhook",
                "data", Map.of("url", url, "method", "POST", "headers", Map.of()));
        return send(post(actuator, "/block_documents/", body), 201).path("id").asText();
    }

    /** Creates the automations with bounded concurrency; returns them as the server stored them. */
    List<Automation> createAutomations(int count, int concurrency, IntFunction<Map<String, Object>> automation)
            throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<Automation>> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            permits.acquire();
            HttpRequest request = post(evaluator, "/automations/", automation.apply(i));
            created.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> permits.release())
                    .thenApply(response -> {
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException("automation refused: " + response.statusCode() + " "
                                    + response.body());
                        }
                        return read(response.body(), Automation.class);
                    }));
        }
        return created.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Creates the automations {@code batch} at a time through {@code PUT /automations/apply} (one
     * transaction per batch), {@code concurrency} batches in flight, then reads them back as the server
     * stored them. Names must be unique.
     */
    List<Automation> applyAutomations(int count, int batch, int concurrency, IntFunction<Map<String, Object>> automation)
            throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<Void>> applied = new ArrayList<>();
        for (int from = 0; from < count; from += batch) {
            List<Map<String, Object>> definitions = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + batch); i++) {
                definitions.add(automation.apply(i));
            }
            permits.acquire();
            HttpRequest request = request(evaluator, "/automations/apply", Map.of("automations", definitions), "PUT");
            applied.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> permits.release())
                    .thenAccept(response -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("automations refused: " + response.statusCode() + " "
                                    + response.body());
                        }
                    }));
        }
        applied.forEach(CompletableFuture::join);
        List<Automation> stored = new ArrayList<>(count);
        for (int offset = 0; offset < count; offset += FILTER_PAGE) {
            JsonNode page = send(post(evaluator, "/automations/filter",
                    Map.of("sort", "NAME_ASC", "limit", FILTER_PAGE, "offset", offset)), 200);
            page.forEach(node -> stored.add(VigilJson.mapper().convertValue(node, Automation.class)));
        }
        return stored;
    }

    /** {@code POST /events}; completes with the status code. */
    CompletableFuture<Integer> postEvents(List<ReceivedEvent> batch) {
        List<Map<String, Object>> body = new ArrayList<>(batch.size());
        for (ReceivedEvent event : batch) {
            Map<String, Object> sent = new LinkedHashMap<>();
            sent.put("id", event.id().toString());
            sent.put("occurred", event.occurred().toString());
            sent.put("event", event.event());
            sent.put("resource", event.resource().labels());
            body.add(sent);
        }
        return http.sendAsync(post(ingest, "/events", body), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    private HttpRequest post(String base, String path, Object body) {
        return request(base, path, body, "POST");
    }

    private HttpRequest request(String base, String path, Object body, String method) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + prefix + path)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(VigilJson.mapper().writeValueAsString(body)));
            authorization.ifPresent(value -> builder.header("Authorization", value));
            return builder.build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return VigilJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return VigilJson.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
