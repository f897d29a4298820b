package dev.vigil.actuator.delivery;

import java.time.Duration;

/**
 * What one attempt of an outgoing call came to.
 *
 * @param value       the result handed back to the handler when the call is over (successful or not retryable)
 * @param statusCode  the target's status, null when there was no response
 * @param error       why it failed without a response (timeout, refused), null otherwise
 * @param retryAfter  the target's {@code Retry-After}, if it sent one
 */
public record Attempt<T>(T value, Outcome outcome, Integer statusCode, String responseExcerpt, String error,
                         Duration retryAfter) {

    public enum Outcome {
        /** The call did what it should. */
        SUCCEEDED,
        /** Worth trying again: a timeout, a 5xx or a 429. */
        RETRYABLE,
        /** Trying again cannot help (another 4xx, a bad answer). */
        FAILED
    }

    public static <T> Attempt<T> succeeded(T value, Integer status, String excerpt) {
        return new Attempt<>(value, Outcome.SUCCEEDED, status, excerpt, null, null);
    }
}
