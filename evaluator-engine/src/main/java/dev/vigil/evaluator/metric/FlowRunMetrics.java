package dev.vigil.evaluator.metric;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.OptionalDouble;

/**
 * Prefect Cloud's flow-run metrics, computed from what Vigil knows of the runs at {@code now} over the look-back
 * window {@code (now - range, now]}. Facts later than {@code now} are ignored. Empty when no run counts.
 * <ul>
 *   <li>{@code successes}: of the runs that finished in the window, the share that completed (0 to 1). A run that
 *   never finishes does not count; one that started before the window and finished in it does.</li>
 *   <li>{@code duration}: the average run time in seconds, from the first start to the finish, of the runs that
 *   finished in the window, and of the runs still running at {@code now} (their time so far, however long before
 *   the window they started: a hung run keeps raising it).</li>
 *   <li>{@code lateness}: the average start delay in seconds (start minus expected start, at least 0) of the runs
 *   that started in the window, and of the runs expected by {@code now} that have neither started nor finished
 *   (their delay so far). Runs that started before the window, or without a known expected start, do not count.</li>
 * </ul>
 */
public final class FlowRunMetrics {

    private FlowRunMetrics() {
    }

    public static OptionalDouble value(String metric, Collection<FlowRun> runs, Instant now, Duration range) {
        Instant from = now.minus(range);
        return switch (metric) {
            case "successes" -> successes(runs, now, from);
            case "duration" -> duration(runs, now, from);
            case "lateness" -> lateness(runs, now, from);
            default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    }

    private static OptionalDouble successes(Collection<FlowRun> runs, Instant now, Instant from) {
        long finished = 0;
        long completed = 0;
        for (FlowRun run : runs) {
            if (run.finishedBy(now) && run.end().isAfter(from)) {
                finished++;
                if (run.completed()) {
                    completed++;
                }
            }
        }
        return finished == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) completed / finished);
    }

    private static OptionalDouble duration(Collection<FlowRun> runs, Instant now, Instant from) {
        Average average = new Average();
        for (FlowRun run : runs) {
            if (!run.startedBy(now)) {
                continue;
            }
            if (!run.finishedBy(now)) {
                average.add(seconds(run.firstStart(), now));
            } else if (run.end().isAfter(from)) {
                average.add(seconds(run.firstStart(), run.end()));
            }
        }
        return average.value();
    }

    private static OptionalDouble lateness(Collection<FlowRun> runs, Instant now, Instant from) {
        Average average = new Average();
        for (FlowRun run : runs) {
            if (run.expected() == null || run.expected().isAfter(now)) {
                continue;
            }
            if (run.startedBy(now)) {
                if (run.firstStart().isAfter(from)) {
                    average.add(Math.max(0, seconds(run.expected(), run.firstStart())));
                }
            } else if (!run.finishedBy(now)) {
                average.add(seconds(run.expected(), now));
            }
        }
        return average.value();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static final class Average {
        private double sum;
        private long count;

        void add(double value) {
            sum += value;
            count++;
        }

        OptionalDouble value() {
            return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count);
        }
    }
}
