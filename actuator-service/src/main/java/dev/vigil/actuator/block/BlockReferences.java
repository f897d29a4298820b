package dev.vigil.actuator.block;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.evaluator.EvaluatorPaths;
import dev.vigil.support.auth.ServiceCredentials;
import dev.vigil.model.json.VigilJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Which automations reference a block. Automations live in the evaluator's database, so this asks
 * the evaluator's API: {@code POST …/workspaces/<id>/automations/filter}, paged, under Prefect Cloud's
 * workspace prefix (the evaluator trusts a workspace only from its path). Fails with
 * {@link EvaluatorUnavailableException} when the evaluator cannot answer, so nothing is deleted blindly.
 */
@ApplicationScoped
public class BlockReferences {

    /** The evaluator's largest page of automations. */
    static final int PAGE_SIZE = 200;
    /** A bound on paging, should an evaluator keep answering full pages. */
    static final int MAX_PAGES = 1000;
    private static final int OK_MIN = 200;
    private static final int OK_MAX = 299;
    private static final List<String> ACTION_LISTS = List.of("actions", "actions_on_trigger", "actions_on_resolve");
    private static final TypeReference<List<Map<String, Object>>> AUTOMATIONS = new TypeReference<>() {
    };

    /** An automation that uses the block. */
    public record Reference(String id, String name) {
    }

    private final WebClient client;
    private final String evaluatorUrl;
    private final long timeoutMs;

    private final ServiceCredentials credentials;

    public BlockReferences(Vertx vertx, ActuatorConfig config, ServiceCredentials credentials) {
        this.credentials = credentials;
        this.timeoutMs = config.evaluatorTimeout().toMillis();
        this.evaluatorUrl = config.evaluatorUrl();
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeoutMs)
                .setFollowRedirects(false).setUserAgent("Vigil-Actuator"));
    }

    public Uni<List<Reference>> to(UUID workspaceId, UUID blockId) {
        return page(workspaceId, blockId, 0, new ArrayList<>());
    }

    private Uni<List<Reference>> page(UUID workspaceId, UUID blockId, int page, List<Reference> found) {
        String url = EvaluatorPaths.workspaceApi(evaluatorUrl, workspaceId) + "/automations/filter";
        JsonObject body = new JsonObject().put("limit", PAGE_SIZE).put("offset", page * PAGE_SIZE);
        var request = client.postAbs(url).timeout(timeoutMs);
        credentials.authorization().ifPresent(value -> request.putHeader("Authorization", value));
        // timeout() above is an idle timeout; the deadline bounds the whole exchange.
        return request.sendJsonObject(body)
                .ifNoItem().after(Duration.ofMillis(timeoutMs)).failWith(() -> new TimeoutException(
                        "no complete answer within " + timeoutMs + " ms"))
                .onFailure().transform(e -> new EvaluatorUnavailableException(e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())))
                .chain(response -> {
                    if (response.statusCode() < OK_MIN || response.statusCode() > OK_MAX) {
                        throw new EvaluatorUnavailableException("the evaluator answered " + response.statusCode());
                    }
                    List<Map<String, Object>> automations = parse(response.bodyAsString());
                    automations.stream().filter(a -> references(a, blockId))
                            .forEach(a -> found.add(new Reference(String.valueOf(a.get("id")),
                                    String.valueOf(a.get("name")))));
                    if (automations.size() < PAGE_SIZE || page + 1 >= MAX_PAGES) {
                        return Uni.createFrom().item(found);
                    }
                    return page(workspaceId, blockId, page + 1, found);
                });
    }

    private static List<Map<String, Object>> parse(String body) {
        try {
            return VigilJson.mapper().readValue(body == null ? "" : body, AUTOMATIONS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EvaluatorUnavailableException("the evaluator's answer is not a list of automations");
        }
    }

    static boolean references(Map<String, Object> automation, UUID blockId) {
        String id = blockId.toString();
        return ACTION_LISTS.stream()
                .map(automation::get)
                .filter(List.class::isInstance)
                .flatMap(list -> ((List<?>) list).stream())
                .anyMatch(action -> action instanceof Map<?, ?> a
                        && a.get("block_document_id") instanceof String ref && id.equalsIgnoreCase(ref));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
