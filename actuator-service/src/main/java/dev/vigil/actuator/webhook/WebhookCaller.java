package dev.vigil.actuator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.actuator.config.ActuatorConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes webhook calls without blocking, each with a timeout; JSON payloads are sent as JSON. */
@ApplicationScoped
public class WebhookCaller {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final WebClient client;
    private final ActuatorConfig config;
    private final ObjectMapper json;

    public WebhookCaller(Vertx vertx, ActuatorConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        int timeoutMs = (int) config.webhookTimeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(timeoutMs)
                .setTcpNoDelay(true)
                .setFollowRedirects(false)
                .setUserAgent("Vigil-Actuator"));
    }

    public Uni<WebhookResponse> call(WebhookRequest request) {
        HttpRequest<Buffer> http = client.requestAbs(HttpMethod.valueOf(request.method().toUpperCase()), request.url())
                .timeout(config.webhookTimeout().toMillis());
        request.headers().forEach(http::putHeader);
        http.putHeader(IDEMPOTENCY_HEADER, request.idempotencyKey());
        if (!request.headers().keySet().stream().anyMatch("content-type"::equalsIgnoreCase)) {
            http.putHeader("Content-Type", isJson(request.body()) ? "application/json" : "text/plain; charset=utf-8");
        }
        return http.sendBuffer(Buffer.buffer(request.body()))
                .map(response -> new WebhookResponse(response.statusCode(), excerpt(response.bodyAsString())));
    }

    private boolean isJson(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode node = json.readTree(body);
            return node.isObject() || node.isArray();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }

    private String excerpt(String body) {
        if (body == null) {
            return "";
        }
        int max = config.responseExcerptChars();
        return body.length() <= max ? body : body.substring(0, max);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
