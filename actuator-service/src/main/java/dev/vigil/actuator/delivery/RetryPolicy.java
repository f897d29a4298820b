package dev.vigil.actuator.delivery;

import dev.vigil.actuator.config.ActuatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** How often and after how long an action type's failed call is tried again: exponential backoff with jitter. */
@ApplicationScoped
public class RetryPolicy {

    private final ActuatorConfig.Retry config;

    public RetryPolicy(ActuatorConfig config) {
        this.config = config.retry();
    }

    public int maxAttempts(String actionType) {
        ActuatorConfig.RetryOverride override = config.types().get(actionType);
        return override == null ? config.defaults().maxAttempts()
                : override.maxAttempts().orElse(config.defaults().maxAttempts());
    }

    /**
     * The wait before attempt {@code nextAttempt} (2 for the first retry). A target's {@code Retry-After}
     * wins over the computed backoff, up to the configured maximum.
     */
    public Duration delayBefore(String actionType, int nextAttempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : retryAfter;
        }
        ActuatorConfig.RetryOverride override = config.types().get(actionType);
        Duration initial = override == null ? config.defaults().initialBackoff()
                : override.initialBackoff().orElse(config.defaults().initialBackoff());
        Duration max = override == null ? config.defaults().maxBackoff()
                : override.maxBackoff().orElse(config.defaults().maxBackoff());
        double exponential = initial.toMillis() * Math.pow(config.defaults().multiplier(), nextAttempt - 2);
        double capped = Math.min(exponential, max.toMillis());
        double jitter = config.defaults().jitter();
        double spread = jitter == 0 ? 1 : 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        return Duration.ofMillis(Math.max(0, Math.round(capped * spread)));
    }
}
