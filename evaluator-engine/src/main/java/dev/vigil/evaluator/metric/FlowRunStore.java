package dev.vigil.evaluator.metric;

import java.time.Instant;
import java.util.Collection;

/**
 * The flow runs a metric trigger has seen. Bounded: runs last seen before {@code forgetBefore} are dropped, and
 * beyond {@code maxRuns} the least recently seen go first.
 */
public interface FlowRunStore {

    /** Merges {@code run} into the run with its id ({@link FlowRun#merge}). */
    void record(MetricKey key, FlowRun run, Instant forgetBefore, int maxRuns);

    Collection<FlowRun> runs(MetricKey key);
}
