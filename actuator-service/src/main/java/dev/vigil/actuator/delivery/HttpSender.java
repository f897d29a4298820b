package dev.vigil.actuator.delivery;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.egress.EgressPolicy;
import dev.vigil.actuator.egress.EgressRefusedException;
import dev.vigil.actuator.egress.OutgoingHeaders;
import dev.vigil.actuator.egress.TargetUrl;
import dev.vigil.actuator.webhook.StandardWebhookSigner;
import dev.vigil.support.trace.Traces;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one HTTP request without blocking; no retries (see {@link HttpDelivery}). A user-configured target is
 * first held to the egress policy and then reached at the address it checked (the Host header and TLS name stay
 * the URL's host). Redirects are never followed; the whole exchange, connect to last byte, has a deadline
 * ({@code vigil.actuator.webhook-timeout}); at most {@code vigil.actuator.max-response-bytes} of a response body
 * are read, the rest is not.
 */
@ApplicationScoped
public class HttpSender {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final int MAX_POOL_SIZE = 64;
    private static final long MILLIS_PER_SECOND = 1000;
    private static final String USER_AGENT = "Vigil-Actuator";

    private final Vertx vertx;
    private final HttpClient client;
    private final EgressPolicy egress;
    private final long timeoutMs;
    private final int maxResponseBytes;

    public HttpSender(Vertx vertx, ActuatorConfig config, EgressPolicy egress) {
        this.vertx = vertx;
        this.egress = egress;
        this.timeoutMs = config.webhookTimeout().toMillis();
        this.maxResponseBytes = config.maxResponseBytes();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeoutMs)
                .setTcpNoDelay(true)
                .setKeepAlive(true)
                .setMaxPoolSize(MAX_POOL_SIZE)
                .setTracingPolicy(TracingPolicy.IGNORE));
    }

    /** Checks and sends in one go (reads for templates; actions go through {@link HttpDelivery}). */
    public Uni<HttpReply> send(HttpCall call, String idempotencyKey) {
        return prepare(call).chain(prepared -> send(prepared, idempotencyKey));
    }

    /**
     * Checks the URL, the headers and (for a user-configured target) the address; fails with
     * {@link EgressRefusedException}, which no retry can help, when the call must not be made.
     */
    public Uni<PreparedCall> prepare(HttpCall call) {
        return Uni.createFrom().deferred(() -> {
            TargetUrl target = TargetUrl.parse(call.url());
            call.headers().forEach((name, value) -> OutgoingHeaders.problem(name, value).ifPresent(problem -> {
                throw new EgressRefusedException(problem);
            }));
            if (call.configured()) {
                return Uni.createFrom().item(new PreparedCall(call, target, null));
            }
            return egress.resolve(target).map(address -> new PreparedCall(call, target, address));
        });
    }

    public Uni<HttpReply> send(PreparedCall prepared, String idempotencyKey) {
        return send(prepared, idempotencyKey, null);
    }

    /**
     * Sends {@code prepared}, with {@code traceparent} (when not null) as the W3C {@code traceparent} header: the
     * action's trace context, set here rather than by the Vert.x tracer (which this client ignores), since the
     * current context of a batched action is not its own.
     */
    public Uni<HttpReply> send(PreparedCall prepared, String idempotencyKey, String traceparent) {
        HttpCall call = prepared.call();
        TargetUrl target = prepared.target();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(call.method().toUpperCase(Locale.ROOT)))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(timeoutMs)
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT);
        if (prepared.server() != null) {
            options.setServer(SocketAddress.inetSocketAddress(prepared.server()));
        }
        call.headers().forEach(options::putHeader);
        if (idempotencyKey != null) {
            options.putHeader(IDEMPOTENCY_HEADER, idempotencyKey);
        }
        if (traceparent != null) {
            options.putHeader(Traces.HEADER, traceparent);
        }
        if (call.signingSecret() != null) {
            // Signed per attempt, so a retry carries a fresh timestamp; the id stays the idempotency key.
            String id = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
            StandardWebhookSigner.headers(call.signingSecret(), id, System.currentTimeMillis() / MILLIS_PER_SECOND,
                    call.body()).forEach(options::putHeader);
        }
        boolean noBody = call.body().isEmpty()
                && ("GET".equalsIgnoreCase(call.method()) || "DELETE".equalsIgnoreCase(call.method()));
        return Uni.createFrom().completionStage(() -> exchange(options, call, noBody).toCompletionStage());
    }

    /**
     * One deadline for the whole exchange, from asking for a connection to the last byte read; no idle timeout
     * of the client's own, whose message would repeat the request's path and query.
     */
    private Future<HttpReply> exchange(RequestOptions options, HttpCall call, boolean noBody) {
        Promise<HttpReply> done = Promise.promise();
        AtomicReference<HttpClientRequest> current = new AtomicReference<>();
        long deadline = vertx.setTimer(timeoutMs, ignored -> {
            if (done.tryFail(new TimeoutException("no complete answer within " + timeoutMs + " ms"))) {
                HttpClientRequest request = current.get();
                if (request != null) {
                    request.reset();
                }
            }
        });
        client.request(options).onFailure(done::tryFail).onSuccess(request -> {
            current.set(request);
            if (done.future().isComplete()) {
                request.reset();
                return;
            }
            Future<HttpClientResponse> response = noBody ? request.send() : request.send(Buffer.buffer(call.body()));
            response.onFailure(done::tryFail).onSuccess(answer -> readBounded(request, answer, done));
        });
        return done.future().onComplete(ignored -> vertx.cancelTimer(deadline));
    }

    /** Reads at most {@code maxResponseBytes} of the body; past that the exchange is cut off, not read to its end. */
    private void readBounded(HttpClientRequest request, HttpClientResponse response, Promise<HttpReply> done) {
        Buffer body = Buffer.buffer();
        response.exceptionHandler(done::tryFail);
        response.handler(chunk -> {
            int room = maxResponseBytes - body.length();
            if (chunk.length() <= room) {
                body.appendBuffer(chunk);
                return;
            }
            body.appendBuffer(chunk, 0, Math.max(room, 0));
            if (done.tryComplete(reply(response, body))) {
                request.reset();
            }
        });
        response.endHandler(ignored -> done.tryComplete(reply(response, body)));
    }

    private static HttpReply reply(HttpClientResponse response, Buffer body) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return new HttpReply(response.statusCode(), headers, body.toString());
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
