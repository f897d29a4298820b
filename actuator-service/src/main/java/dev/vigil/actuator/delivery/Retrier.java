package dev.vigil.actuator.delivery;

import dev.vigil.support.vertx.VertxDelay;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Makes attempts of one outgoing call until one succeeds, one fails for good, or the action type's
 * attempts run out. Between attempts, a delivery that {@link Delivery#parksRetries() parks retries} ends with
 * {@link RetryLater} (the action is parked and resumes at the next attempt, see
 * {@code dev.vigil.actuator.retry.RetryPoller}); any other waits the backoff out on a Vert.x timer, never blocking,
 * away from the action's running slot. Every attempt goes to the delivery log.
 */
@ApplicationScoped
public class Retrier {

    private final RetryPolicy policy;
    private final DeliveryLog log;
    private final Vertx vertx;

    public Retrier(RetryPolicy policy, DeliveryLog log, Vertx vertx) {
        this.policy = policy;
        this.log = log;
        this.vertx = vertx;
    }

    /** The last attempt: succeeded, failed, or retryable with no attempts left. */
    public <T> Uni<Attempt<T>> run(Delivery delivery, String request, Supplier<Uni<Attempt<T>>> call) {
        return run(delivery, request, null, call);
    }

    /** As {@link #run(Delivery, String, Supplier)}, for calls of one {@code target} (host and port), kept when parked. */
    public <T> Uni<Attempt<T>> run(Delivery delivery, String request, String target, Supplier<Uni<Attempt<T>>> call) {
        return attempt(delivery, request, target, call, Math.max(1, delivery.firstAttempt()));
    }

    private <T> Uni<Attempt<T>> attempt(Delivery delivery, String request, String target,
                                        Supplier<Uni<Attempt<T>>> call, int n) {
        int max = policy.maxAttempts(delivery.actionType());
        return Uni.createFrom().deferred(() -> {
            OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
            long start = System.nanoTime();
            return Uni.createFrom().<Attempt<T>>deferred(call::get)
                    .onFailure().recoverWithItem(error -> new Attempt<T>(null, Attempt.Outcome.RETRYABLE, null,
                            null, describe(error), null))
                    .call(result -> log.recordAttempt(delivery, started,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), request, result,
                            label(result, n < max)))
                    .chain(result -> {
                        if (result.outcome() != Attempt.Outcome.RETRYABLE || n >= max) {
                            return Uni.createFrom().item(result);
                        }
                        Duration delay = policy.delayBefore(delivery.actionType(), n + 1, result.retryAfter());
                        if (delivery.parksRetries()) {
                            return Uni.createFrom().failure(new RetryLater(n + 1, delay, reason(result), target));
                        }
                        long waitMs = delay.toMillis();
                        Uni<Void> backoff = waitMs <= 0 ? Uni.createFrom().voidItem()
                                : delivery.slot().awayDuring(VertxDelay.of(vertx, waitMs));
                        return backoff.chain(() -> attempt(delivery, request, target, call, n + 1));
                    });
        });
    }

    private static String reason(Attempt<?> attempt) {
        return attempt.error() != null ? attempt.error() : "status " + attempt.statusCode();
    }

    private static String label(Attempt<?> attempt, boolean moreLeft) {
        return switch (attempt.outcome()) {
            case SUCCEEDED -> "succeeded";
            case RETRYABLE -> moreLeft ? "retrying" : "failed";
            case FAILED -> "failed";
        };
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
