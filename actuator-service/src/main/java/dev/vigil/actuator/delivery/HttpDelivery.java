package dev.vigil.actuator.delivery;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.egress.EgressRefusedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Every outgoing HTTP call of an action: forwards the idempotency key, retries timeouts, 5xx and 429
 * (honouring {@code Retry-After}) but no other 4xx, passes through the per-target circuit breaker and
 * gate, and logs each attempt. Answers the final reply, whatever its status; fails with
 * {@link ActionFailedException} only when the target never answered.
 */
@ApplicationScoped
public class HttpDelivery {

    private static final int TOO_MANY_REQUESTS = 429;
    private static final int REQUEST_TIMEOUT = 408;
    private static final int SERVER_ERROR_MIN = 500;

    private final HttpSender sender;
    private final Retrier retrier;
    private final TargetGate gate;
    private final TargetCircuits circuits;
    private final int excerptChars;

    public HttpDelivery(HttpSender sender, Retrier retrier, TargetGate gate, TargetCircuits circuits,
                        ActuatorConfig config) {
        this.sender = sender;
        this.retrier = retrier;
        this.gate = gate;
        this.circuits = circuits;
        this.excerptChars = config.responseExcerptChars();
    }

    public Uni<HttpReply> send(Delivery delivery, HttpCall call) {
        String target = call.target();
        return retrier.run(delivery, call.summary(), target, () -> sender.prepare(call)
                        .chain(prepared -> circuits.refusing(target)
                                ? Uni.createFrom().item(circuits.<HttpReply>refused(target))
                                : gate.through(target, delivery.slot(), () -> circuits.guard(target,
                                        () -> sender.send(prepared, delivery.idempotencyKey(), delivery.traceparent()).map(this::classify))))
                        // A refused target, URL or header: trying again cannot help, and nothing was sent.
                        .onFailure(EgressRefusedException.class).recoverWithItem(refused -> new Attempt<>(null,
                                Attempt.Outcome.FAILED, null, null, refused.getMessage(), null)))
                .map(last -> {
                    if (last.value() == null) {
                        throw new ActionFailedException("Could not call '" + call.summary() + "': " + last.error(),
                                Map.of("error", String.valueOf(last.error())));
                    }
                    return last.value();
                });
    }

    private Attempt<HttpReply> classify(HttpReply reply) {
        String excerpt = reply.excerpt(excerptChars);
        if (reply.successful()) {
            return Attempt.succeeded(reply, reply.statusCode(), excerpt);
        }
        int status = reply.statusCode();
        boolean retryable = status == TOO_MANY_REQUESTS || status == REQUEST_TIMEOUT || status >= SERVER_ERROR_MIN;
        return new Attempt<>(reply, retryable ? Attempt.Outcome.RETRYABLE : Attempt.Outcome.FAILED, status, excerpt,
                null, retryable ? retryAfter(reply.headers().get("retry-after")) : null);
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), at);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
