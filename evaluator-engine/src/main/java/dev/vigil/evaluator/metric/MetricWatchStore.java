package dev.vigil.evaluator.metric;

import java.util.Optional;

/** Where a metric trigger's watch is kept between evaluations. */
public interface MetricWatchStore {

    Optional<MetricWatch> watch(MetricKey key);

    void saveWatch(MetricKey key, MetricWatch watch);
}
