package dev.vigil.actuator.orchestrator;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.Delivery;
import dev.vigil.actuator.delivery.HttpCall;
import dev.vigil.actuator.delivery.HttpDelivery;
import dev.vigil.actuator.delivery.HttpReply;
import dev.vigil.actuator.delivery.HttpSender;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.json.VigilJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls a Prefect-compatible orchestrator API (paths relative to its {@code /api}), with the API key
 * and Prefect's {@code Prefect-Automation-ID}/{@code -Name} headers. Action calls go through the
 * delivery layer (retried, logged, idempotency key); reads for templates are single attempts.
 */
@ApplicationScoped
public class OrchestratorClient {

    /** The failure reason of an orchestrator action when no orchestrator is configured: what to set. */
    public static final String NOT_CONFIGURED = "No orchestrator API is configured: set VIGIL_ORCHESTRATOR_URL "
            + "(vigil.actuator.orchestrator.url) to a Prefect 3 API, e.g. http://127.0.0.1:4200/api, and "
            + "VIGIL_ORCHESTRATOR_API_KEY if it needs a key (bin/up --orchestrator URL sets them)";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final ActuatorConfig.Orchestrator config;
    private final HttpDelivery delivery;
    private final HttpSender sender;

    public OrchestratorClient(ActuatorConfig config, HttpDelivery delivery, HttpSender sender) {
        this.config = config.orchestrator();
        this.delivery = delivery;
        this.sender = sender;
    }

    public boolean configured() {
        return config.url().filter(u -> !u.isBlank()).isPresent();
    }

    /** An action's call; the reply whatever its status (the caller judges it). */
    public Uni<HttpReply> call(Delivery run, Automation automation, String method, String path, Object body) {
        return Uni.createFrom().item(() -> request(automation, method, path, body))
                .chain(call -> delivery.send(run, call));
    }

    /** A single read for templates; a null item when absent or unreachable. */
    public Uni<Map<String, Object>> read(String path) {
        if (!configured()) {
            return Uni.createFrom().nullItem();
        }
        return sender.send(request(null, "GET", path, null), null)
                .map(reply -> reply.successful() ? object(reply.body()) : null)
                .onFailure().recoverWithNull();
    }

    /** A single {@code POST …/filter} read: every match, or a null item when absent or unreachable. */
    public Uni<List<Map<String, Object>>> readList(String path, Object filter) {
        if (!configured()) {
            return Uni.createFrom().nullItem();
        }
        return sender.send(request(null, "POST", path, filter), null)
                .map(reply -> reply.successful() ? list(reply.body()) : null)
                .onFailure().recoverWithNull();
    }

    /** A single {@code POST …/filter} read; the first match or a null item. */
    public Uni<Map<String, Object>> readFirst(String path, Object filter) {
        if (!configured()) {
            return Uni.createFrom().nullItem();
        }
        return sender.send(request(null, "POST", path, filter), null)
                .map(reply -> {
                    if (!reply.successful()) {
                        return null;
                    }
                    List<Map<String, Object>> found = list(reply.body());
                    return found.isEmpty() ? null : found.get(0);
                })
                .onFailure().recoverWithNull();
    }

    private HttpCall request(Automation automation, String method, String path, Object body) {
        String base = config.url().filter(u -> !u.isBlank()).orElseThrow(() -> new ActionFailedException(
                NOT_CONFIGURED));
        Map<String, String> headers = new LinkedHashMap<>();
        config.apiKey().filter(k -> !k.isBlank()).ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        if (automation != null) {
            headers.put("Prefect-Automation-ID", automation.id().toString());
            headers.put("Prefect-Automation-Name", Base64.getEncoder()
                    .encodeToString(automation.name().getBytes(StandardCharsets.UTF_8)));
        }
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        return HttpCall.json(method, url, headers, body == null ? "" : json(body));
    }

    static String json(Object body) {
        try {
            return VigilJson.mapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not serialisable", e);
        }
    }

    public static Map<String, Object> object(String body) {
        try {
            return VigilJson.mapper().readValue(body, MAP);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    static List<Map<String, Object>> list(String body) {
        try {
            return VigilJson.mapper().readValue(body, LIST);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of();
        }
    }
}
