package dev.vigil.evaluator.metric;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Metric state in memory: for backtest and tests. Same bounds as the live store. */
public final class InMemoryMetricState implements FlowRunStore, MetricWatchStore {

    private final Map<MetricKey, Map<String, FlowRun>> runs = new HashMap<>();
    private final Map<MetricKey, MetricWatch> watches = new HashMap<>();

    @Override
    public void record(MetricKey key, FlowRun run, Instant forgetBefore, int maxRuns) {
        Map<String, FlowRun> known = runs.computeIfAbsent(key, k -> new HashMap<>());
        known.merge(run.runId(), run, FlowRun::merge);
        known.values().removeIf(r -> r.seen().isBefore(forgetBefore));
        if (known.size() > maxRuns) {
            List<String> oldest = known.values().stream().sorted(Comparator.comparing(FlowRun::seen)
                            .thenComparing(FlowRun::runId))
                    .limit(known.size() - maxRuns).map(FlowRun::runId).toList();
            oldest.forEach(known::remove);
        }
    }

    @Override
    public Collection<FlowRun> runs(MetricKey key) {
        return List.copyOf(runs.getOrDefault(key, Map.of()).values());
    }

    @Override
    public Optional<MetricWatch> watch(MetricKey key) {
        return Optional.ofNullable(watches.get(key));
    }

    @Override
    public void saveWatch(MetricKey key, MetricWatch watch) {
        watches.put(key, watch);
    }
}
