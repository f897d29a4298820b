package dev.vigil.evaluator.metric;

import dev.vigil.evaluator.event.EventEvaluationService.WorkspaceEvent;
import dev.vigil.evaluator.trigger.TriggerIndex;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The live event path's part for metric triggers: each flow-run state event a metric trigger selects is merged
 * into that trigger's runs in Redis, before the batch's buckets are evaluated. Merging is idempotent, so a
 * batch evaluated again (a redelivery, a compare-and-set retry) records nothing twice.
 */
@ApplicationScoped
public class MetricRecorder {

    private final FlowRunRepository runs;

    public MetricRecorder(FlowRunRepository runs) {
        this.runs = runs;
    }

    public Uni<Void> record(TriggerIndex index, List<WorkspaceEvent> events) {
        List<MetricTriggerEvaluator> metrics = index.metrics();
        if (metrics.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> writes = new ArrayList<>();
        for (WorkspaceEvent item : events) {
            if (item.event() == null || item.event().event() == null
                    || !item.event().event().startsWith(FlowRunObservation.EVENT_PREFIX)) {
                continue;
            }
            for (MetricTriggerEvaluator metric : metrics) {
                if (metric.workspaceId().equals(item.workspaceId())) {
                    metric.observe(item.event()).ifPresent(run -> writes.add(
                            runs.record(metric.key(), run, metric.retention(), MetricTriggerEvaluator.MAX_RUNS)));
                }
            }
        }
        return writes.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(writes).andFailFast().replaceWithVoid();
    }
}
