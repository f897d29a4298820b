package dev.vigil.evaluator.metric;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What is known of one flow run, merged from its state events in any order: the expected start (earliest
 * scheduled time), the first and the latest start of running, the latest terminal state and its time, and the
 * latest state time seen. Merging is commutative, associative and idempotent, so redelivered and reordered
 * events give the same run; the live store merges with the same rules in Lua ({@code merge-flow-run.lua}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FlowRun(String runId, Instant expected, Instant firstStart, Instant lastStart, Instant end,
                      String outcome, Instant seen) {

    public static FlowRun of(FlowRunObservation observation) {
        Instant at = truncated(observation.at());
        boolean running = "RUNNING".equals(observation.stateType());
        boolean terminal = observation.terminal();
        return new FlowRun(observation.runId(), truncated(observation.scheduledTime()), running ? at : null,
                running ? at : null, terminal ? at : null, terminal ? observation.stateType() : null, at);
    }

    public FlowRun merge(FlowRun other) {
        Instant mergedEnd = end;
        String mergedOutcome = outcome;
        if (other.end != null && (end == null || other.end.isAfter(end)
                || (other.end.equals(end) && other.outcome.compareTo(outcome) > 0))) {
            mergedEnd = other.end;
            mergedOutcome = other.outcome;
        }
        return new FlowRun(runId, min(expected, other.expected), min(firstStart, other.firstStart),
                max(lastStart, other.lastStart), mergedEnd, mergedOutcome, max(seen, other.seen));
    }

    /** Started at or before {@code now}. */
    public boolean startedBy(Instant now) {
        return firstStart != null && !firstStart.isAfter(now);
    }

    /**
     * Finished at or before {@code now}: a terminal state at or before it, not followed by running again (a retry)
     * by then. Facts later than {@code now} do not count, so evaluation at a past time sees the past.
     */
    public boolean finishedBy(Instant now) {
        if (end == null || end.isAfter(now)) {
            return false;
        }
        return lastStart == null || lastStart.isAfter(now) || !lastStart.isAfter(end);
    }

    public boolean completed() {
        return "COMPLETED".equals(outcome);
    }

    /** The stored form: epoch milliseconds (empty when unknown) and the outcome, comma-separated. */
    public String encode() {
        return millis(expected) + "," + millis(firstStart) + "," + millis(lastStart) + "," + millis(end) + ","
                + (outcome == null ? "" : outcome) + "," + millis(seen);
    }

    public static FlowRun decode(String runId, String stored) {
        String[] parts = stored.split(",", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a stored flow run: " + stored);
        }
        return new FlowRun(runId, instant(parts[0]), instant(parts[1]), instant(parts[2]), instant(parts[3]),
                parts[4].isEmpty() ? null : parts[4], instant(parts[5]));
    }

    private static Instant truncated(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String millis(Instant at) {
        return at == null ? "" : Long.toString(at.toEpochMilli());
    }

    private static Instant instant(String millis) {
        return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
