package dev.vigil.console.apidoc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.config.ConsoleConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads each service's own OpenAPI document ({@code /q/openapi}, open on the services), directly as the
 * console calls them, without a key. Non-blocking; each read bounded by {@code vigil.console.services.timeout}.
 */
@ApplicationScoped
public class ServiceDocuments {

    static final String PATH = "/q/openapi?format=json";
    private static final int OK = 200;

    private final WebClient client;
    private final Map<VigilService, String> baseUrls = new EnumMap<>(VigilService.class);
    private final long timeoutMs;
    private final ObjectMapper json = new ObjectMapper();

    public ServiceDocuments(Vertx vertx, ConsoleConfig config) {
        this.timeoutMs = config.services().timeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeoutMs)
                .setFollowRedirects(false).setUserAgent("Vigil-Console"));
        baseUrls.put(VigilService.INGEST, config.services().ingestUrl().replaceAll("/+$", ""));
        baseUrls.put(VigilService.EVALUATOR, config.services().evaluatorUrl().replaceAll("/+$", ""));
        baseUrls.put(VigilService.ACTUATOR, config.services().actuatorUrl().replaceAll("/+$", ""));
    }

    /** Every service's document; fails with {@link DocumentUnavailableException} naming one that did not answer. */
    public Uni<Map<VigilService, JsonNode>> all() {
        List<Uni<Map.Entry<VigilService, JsonNode>>> reads = baseUrls.keySet().stream()
                .map(service -> read(service).map(document -> Map.entry(service, document))).toList();
        return Uni.join().all(reads).andFailFast().map(entries -> {
            Map<VigilService, JsonNode> documents = new EnumMap<>(VigilService.class);
            entries.forEach(entry -> documents.put(entry.getKey(), entry.getValue()));
            return documents;
        });
    }

    private Uni<JsonNode> read(VigilService service) {
        String name = service.name().toLowerCase(Locale.ROOT);
        return client.getAbs(baseUrls.get(service) + PATH).timeout(timeoutMs).putHeader("Accept", "application/json")
                .send()
                .onFailure().transform(e -> new DocumentUnavailableException(name + " is unreachable"))
                .map(response -> {
                    if (response.statusCode() != OK) {
                        throw new DocumentUnavailableException(name + " answered " + response.statusCode());
                    }
                    try {
                        return json.readTree(response.body().getBytes());
                    } catch (IOException | RuntimeException e) {
                        throw new DocumentUnavailableException(name + " answered a document that is not JSON");
                    }
                });
    }
}
