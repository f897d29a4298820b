package dev.vigil.evaluator.automation;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * An automation's version for optimistic concurrency: its {@code updated} time in microseconds, shown as a strong
 * {@code ETag} and compared with a request's {@code If-Match}. Every change moves {@code updated} forward by at
 * least a microsecond, so two versions of one automation never share a tag.
 */
public final class AutomationVersion {

    public static final String ANY = "*";

    private AutomationVersion() {
    }

    public static String etag(OffsetDateTime updated) {
        return "\"" + micros(updated) + "\"";
    }

    /**
     * Whether {@code ifMatch} (absent, {@code *}, or a comma-separated list of entity tags) admits the version.
     * A weak tag ({@code W/"…"}) never matches: {@code If-Match} uses the strong comparison.
     */
    public static boolean admits(String ifMatch, OffsetDateTime updated) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return true;
        }
        String current = etag(updated);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals(ANY) || tag.equals(current)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code updated} time a change stamps: {@code proposed}, or just after {@code previous} if not later. */
    public static OffsetDateTime after(OffsetDateTime previous, OffsetDateTime proposed) {
        if (previous == null || proposed.isAfter(previous)) {
            return proposed;
        }
        return previous.plus(1, ChronoUnit.MICROS);
    }

    private static long micros(OffsetDateTime time) {
        return TimeUnit.SECONDS.toMicros(time.toEpochSecond()) + TimeUnit.NANOSECONDS.toMicros(time.getNano());
    }
}
