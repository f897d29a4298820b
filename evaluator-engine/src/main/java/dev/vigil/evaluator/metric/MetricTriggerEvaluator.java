package dev.vigil.evaluator.metric;

import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.id.NameUuids;
import dev.vigil.model.trigger.MetricTrigger;
import dev.vigil.model.trigger.MetricTriggerQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * One metric trigger (Prefect Cloud's): records the flow-run state events its {@code match} and
 * {@code match_related} select, and, evaluated periodically, computes its metric ({@link FlowRunMetrics}) and
 * runs the state machine: the condition ({@code value operator threshold}) starts holding at the first evaluation
 * where it holds; it fires (Triggered) at the first evaluation at least {@code firing_for} later while it still
 * holds; it resolves (Resolved) at the first evaluation where it no longer holds. No value (no run counts) is a
 * condition that does not hold. Both firings carry the value in {@code triggering_value}. Pure: state goes
 * through the stores given.
 */
public final class MetricTriggerEvaluator {

    /** How often a metric trigger is evaluated, live and in backtest. */
    public static final Duration INTERVAL = Duration.ofSeconds(15);
    /** At most this many runs are kept per trigger (the least recently seen go first). */
    public static final int MAX_RUNS = 5_000;
    /** A run with no news for this long beyond the range is forgotten (it may never report its end). */
    public static final Duration QUIET_RUN_RETENTION = Duration.ofDays(1);

    private final UUID workspaceId;
    private final Automation automation;
    private final MetricTrigger trigger;
    private final MetricTriggerQuery query;
    private final MetricKey key;

    public MetricTriggerEvaluator(UUID workspaceId, Automation automation, MetricTrigger trigger) {
        if (trigger.metric() == null || trigger.metric().name() == null || trigger.metric().threshold() == null
                || !MetricTriggerQuery.OPERATORS.contains(trigger.metric().operator())
                || !MetricTriggerQuery.NAMES.contains(trigger.metric().name())) {
            throw new IllegalArgumentException("metric trigger " + trigger.id() + " has no valid metric");
        }
        this.workspaceId = workspaceId;
        this.automation = automation;
        this.trigger = trigger;
        this.query = trigger.metric();
        this.key = new MetricKey(workspaceId, automation.id(), trigger.id());
    }

    public MetricKey key() {
        return key;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public Automation automation() {
        return automation;
    }

    public MetricTrigger trigger() {
        return trigger;
    }

    /** How long runs are remembered after they were last seen. */
    public Duration retention() {
        return query.range().plus(QUIET_RUN_RETENTION);
    }

    /** What this event tells the trigger about a flow run it selects; empty when it selects none. */
    public Optional<FlowRun> observe(ReceivedEvent event) {
        if (event.event() == null || !event.event().startsWith(FlowRunObservation.EVENT_PREFIX)
                || !trigger.match().matches(event.resource()) || !trigger.matchRelated().matches(event.related())) {
            return Optional.empty();
        }
        return FlowRunObservation.of(event).map(FlowRun::of);
    }

    /** Records the event into {@code runs} when it selects a run; returns whether it did. */
    public boolean record(ReceivedEvent event, FlowRunStore runs) {
        Optional<FlowRun> run = observe(event);
        run.ifPresent(r -> runs.record(key, r, r.seen().minus(retention()), MAX_RUNS));
        return run.isPresent();
    }

    /** Whether an evaluation at {@code now} is due: none yet, or the last one {@link #INTERVAL} ago or more. */
    public boolean due(Optional<MetricWatch> watch, Instant now) {
        Instant checked = watch.map(MetricWatch::checked).orElse(null);
        return checked == null || !now.isBefore(checked.plus(INTERVAL));
    }

    /** The metric's value at {@code now} over the trigger's range. */
    public OptionalDouble value(Collection<FlowRun> runs, Instant now) {
        return FlowRunMetrics.value(query.name(), runs, now, query.range());
    }

    /** Evaluates the trigger at {@code now}: updates its watch and returns its firing, if any. */
    public List<AutomationFiring> evaluate(Collection<FlowRun> runs, Instant now, MetricWatchStore watches) {
        MetricWatch watch = watches.watch(key).orElse(MetricWatch.NEW);
        if (watch.checked() != null && !now.isAfter(watch.checked())) {
            return List.of();
        }
        OptionalDouble computed = value(runs, now);
        Double value = computed.isPresent() ? computed.getAsDouble() : null;
        boolean holds = value != null && query.holds(value);
        if (!holds) {
            watches.saveWatch(key, new MetricWatch(null, null, value, now));
            if (watch.firedAt() == null) {
                return List.of();
            }
            UUID id = NameUuids.of(key + "|metric-resolved|" + watch.firedAt().toEpochMilli());
            return List.of(firing(id, FiringState.Resolved, now, value));
        }
        Instant since = watch.since() == null ? now : watch.since();
        if (watch.firedAt() == null && !now.isBefore(since.plus(query.firingFor()))) {
            watches.saveWatch(key, new MetricWatch(since, now, value, now));
            UUID id = NameUuids.of(key + "|metric-triggered|" + since.toEpochMilli());
            return List.of(firing(id, FiringState.Triggered, now, value));
        }
        watches.saveWatch(key, new MetricWatch(since, watch.firedAt(), value, now));
        return List.of();
    }

    private AutomationFiring firing(UUID id, FiringState state, Instant at, Double value) {
        Firing firing = new Firing(id, trigger.id(), state, at.atOffset(ZoneOffset.UTC), Map.of(), List.of(), null,
                value);
        return new AutomationFiring(workspaceId, automation, firing);
    }
}
