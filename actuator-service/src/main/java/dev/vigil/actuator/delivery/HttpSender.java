package dev.vigil.actuator.delivery;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.webhook.StandardWebhookSigner;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends one HTTP request without blocking, with a timeout; no retries (see {@link HttpDelivery}). */
@ApplicationScoped
public class HttpSender {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final int MAX_POOL_SIZE = 64;
    private static final long MILLIS_PER_SECOND = 1000;

    private final WebClient client;
    private final long timeoutMs;

    public HttpSender(Vertx vertx, ActuatorConfig config) {
        this.timeoutMs = config.webhookTimeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeoutMs)
                .setTcpNoDelay(true)
                .setKeepAlive(true)
                .setMaxPoolSize(MAX_POOL_SIZE)
                .setFollowRedirects(false)
                .setUserAgent("Vigil-Actuator"));
    }

    public Uni<HttpReply> send(HttpCall call, String idempotencyKey) {
        HttpRequest<Buffer> http = client.requestAbs(HttpMethod.valueOf(call.method().toUpperCase()), call.url())
                .timeout(timeoutMs);
        call.headers().forEach(http::putHeader);
        if (idempotencyKey != null) {
            http.putHeader(IDEMPOTENCY_HEADER, idempotencyKey);
        }
        if (call.signingSecret() != null) {
            // Signed per attempt, so a retry carries a fresh timestamp; the id stays the idempotency key.
            String id = idempotencyKey != null ? idempotencyKey : java.util.UUID.randomUUID().toString();
            StandardWebhookSigner.headers(call.signingSecret(), id, System.currentTimeMillis() / MILLIS_PER_SECOND,
                    call.body()).forEach(http::putHeader);
        }
        Uni<io.vertx.mutiny.ext.web.client.HttpResponse<Buffer>> sent = call.body().isEmpty()
                && ("GET".equalsIgnoreCase(call.method()) || "DELETE".equalsIgnoreCase(call.method()))
                ? http.send() : http.sendBuffer(Buffer.buffer(call.body()));
        return sent.map(response -> {
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(), h.getValue()));
            return new HttpReply(response.statusCode(), headers, response.bodyAsString());
        });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
