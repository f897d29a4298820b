package dev.vigil.evaluator.metric;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.trigger.MetricTriggerQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What an event would do to a metric trigger, read-only: whether it selects a flow run (and why not), the run as
 * it would be after the event, the metric at {@code now} without and with it, and what the next evaluation would
 * do: {@code fire}, {@code resolve}, {@code hold} (the condition holds, {@code firing_for} not yet over, or it
 * already fired) or {@code nothing}.
 */
public final class MetricExplainer {

    private MetricExplainer() {
    }

    /** The explanation; {@code outcome} is {@code record} when the event selects a run, else {@code nothing}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricVerdict(String outcome, String reason, String metric, String operator, Double threshold,
                                double rangeSeconds, double firingForSeconds, FlowRun runAfter, Double valueBefore,
                                Double valueAfter, boolean holdsAfter, Instant holdingSince, Instant triggered,
                                String nextEvaluation) {
    }

    public static MetricVerdict explain(MetricTriggerEvaluator evaluator, ReceivedEvent event,
                                        Collection<FlowRun> runs, Optional<MetricWatch> watch, Instant now) {
        MetricTriggerQuery query = evaluator.trigger().metric();
        Optional<FlowRun> observed = evaluator.observe(event);
        List<FlowRun> after = new ArrayList<>(runs);
        FlowRun runAfter = null;
        if (observed.isPresent()) {
            FlowRun run = observed.get();
            FlowRun merged = runs.stream().filter(r -> r.runId().equals(run.runId())).findFirst()
                    .map(stored -> stored.merge(run)).orElse(run);
            after.removeIf(r -> r.runId().equals(run.runId()));
            after.add(merged);
            runAfter = merged;
        }
        Double before = boxed(evaluator.value(runs, now));
        Double value = boxed(evaluator.value(after, now));
        boolean holds = value != null && query.holds(value);
        MetricWatch current = watch.orElse(MetricWatch.NEW);
        String next;
        if (!holds) {
            next = current.firedAt() != null ? "resolve" : "nothing";
        } else if (current.firedAt() != null) {
            next = "hold";
        } else {
            Instant since = current.since() == null ? now : current.since();
            next = now.isBefore(since.plus(query.firingFor())) ? "hold" : "fire";
        }
        return new MetricVerdict(observed.isPresent() ? "record" : "nothing", reason(evaluator, event, observed),
                query.name(), query.operator(), query.threshold(), query.range().toMillis() / 1000.0,
                query.firingFor().toMillis() / 1000.0, runAfter, before, value, holds, current.since(),
                current.firedAt(), next);
    }

    private static String reason(MetricTriggerEvaluator evaluator, ReceivedEvent event, Optional<FlowRun> observed) {
        if (observed.isPresent()) {
            return "a state of flow run " + observed.get().runId() + " the trigger selects";
        }
        if (event.event() == null || !event.event().startsWith(FlowRunObservation.EVENT_PREFIX)) {
            return "not a flow-run state event (prefect.flow-run.*)";
        }
        if (!evaluator.trigger().match().matches(event.resource())) {
            return "the resource does not satisfy match";
        }
        if (!evaluator.trigger().matchRelated().matches(event.related())) {
            return "no related resource satisfies match_related";
        }
        return "the resource is not a flow run, or the state is unknown";
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
