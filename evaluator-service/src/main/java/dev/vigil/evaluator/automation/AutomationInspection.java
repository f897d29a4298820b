package dev.vigil.evaluator.automation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.evaluator.automation.AutomationStateView.BucketView;
import dev.vigil.evaluator.automation.AutomationStateView.ChildFiringView;
import dev.vigil.evaluator.automation.AutomationStateView.CompositeView;
import dev.vigil.evaluator.automation.AutomationStateView.TimerView;
import dev.vigil.evaluator.automation.AutomationStateView.MetricView;
import dev.vigil.evaluator.bucket.Bucket;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.metric.FlowRunRepository;
import dev.vigil.evaluator.metric.MetricExplainer;
import dev.vigil.evaluator.metric.MetricExplainer.MetricVerdict;
import dev.vigil.evaluator.metric.MetricTriggerEvaluator;
import dev.vigil.evaluator.metric.MetricWatch;
import dev.vigil.evaluator.state.RedisStateReader;
import dev.vigil.evaluator.state.RedisStateReader.LiveState;
import dev.vigil.evaluator.state.RedisStateReader.StoredBucket;
import dev.vigil.evaluator.state.RedisStateRepository;
import dev.vigil.evaluator.trigger.EventExplainer;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.Event;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.MetricTrigger;
import dev.vigil.model.trigger.MetricTriggerQuery;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * Looks into an automation's live evaluation, read-only: its state in Redis, and what an event
 * would do to it. Both find nothing (a null item) for an automation not in the workspace.
 */
@ApplicationScoped
public class AutomationInspection {

    private final AutomationService automations;
    private final RedisStateReader reader;
    private final RedisStateRepository state;
    private final ObjectMapper json;
    private final EventExplainer explainer = new EventExplainer();
    private final FlowRunRepository runs;

    public AutomationInspection(AutomationService automations, RedisStateReader reader, RedisStateRepository state,
                                ObjectMapper json, FlowRunRepository runs) {
        this.runs = runs;
        this.automations = automations;
        this.reader = reader;
        this.state = state;
        this.json = json;
    }

    public Uni<AutomationStateView> state(UUID workspaceId, UUID automationId) {
        return automations.find(workspaceId, automationId).chain(automation -> automation == null
                ? Uni.createFrom().nullItem()
                : reader.read(workspaceId, automationId).map(live -> view(workspaceId, automation, live))
                        .chain(view -> withMetric(workspaceId, automation, view)));
    }

    /** A metric automation's view gets its metric trigger's state, the value computed now. */
    private Uni<AutomationStateView> withMetric(UUID workspaceId, Automation automation, AutomationStateView view) {
        MetricTriggerEvaluator metric = metricOf(workspaceId, automation);
        if (metric == null) {
            return Uni.createFrom().item(view);
        }
        return runs.runs(metric.key()).chain(known -> state.load(List.of(),
                List.of(RedisKeys.metricWatch(metric.key()))).map(loaded -> {
                    MetricWatch watch = loaded.snapshot().watch(metric.key()).orElse(MetricWatch.NEW);
                    OptionalDouble value = metric.value(known, Instant.now());
                    MetricTriggerQuery query = metric.trigger().metric();
                    return view.withMetric(new MetricView(metric.trigger().id(), query.name(), query.operator(),
                            query.threshold(), query.range().toMillis() / 1000.0,
                            query.firingFor().toMillis() / 1000.0, known.size(),
                            value.isPresent() ? value.getAsDouble() : null, watch.since(),
                            watch.firedAt() == null ? "Resolved" : "Triggered", watch.firedAt(), watch.checked(),
                            watch.lastValue()));
                }));
    }

    /** The metric trigger of a metric automation, or null (another kind, or one stored before it could be checked). */
    private static MetricTriggerEvaluator metricOf(UUID workspaceId, Automation automation) {
        if (!(automation.trigger() instanceof MetricTrigger trigger)) {
            return null;
        }
        try {
            return new MetricTriggerEvaluator(workspaceId, automation, trigger);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What the event would do to a metric trigger: the run it changes, the value without and with it, now. */
    private Uni<ObjectNode> explainMetric(MetricTriggerEvaluator metric, Automation automation, ReceivedEvent event) {
        return runs.runs(metric.key()).chain(known -> state.load(List.of(),
                List.of(RedisKeys.metricWatch(metric.key()))).map(loaded -> {
                    Instant now = Instant.now();
                    MetricVerdict verdict = MetricExplainer.explain(metric, event, known,
                            loaded.snapshot().watch(metric.key()), now);
                    ObjectNode reply = json.createObjectNode();
                    reply.put("automation_id", automation.id().toString());
                    reply.put("enabled", automation.enabled());
                    reply.put("event_id", event.id().toString());
                    reply.put("event", event.event());
                    reply.put("outcome", verdict.outcome());
                    reply.put("evaluated_at", now.toString());
                    reply.set("metric", json.valueToTree(verdict));
                    return reply;
                }));
    }

    /** The explanation, with the automation's id and whether it is enabled (a disabled one evaluates nothing). */
    public Uni<ObjectNode> explain(UUID workspaceId, UUID automationId, Event body) {
        ReceivedEvent event = validated(body);
        return automations.find(workspaceId, automationId).chain(automation -> {
            if (automation == null) {
                return Uni.createFrom().nullItem();
            }
            MetricTriggerEvaluator metric = metricOf(workspaceId, automation);
            if (metric != null) {
                return explainMetric(metric, automation, event);
            }
            TriggerIndex index = indexOf(workspaceId, automation);
            return state.load(workspaceId, event.id(), explainer.reads(index, event)).map(loaded -> {
                ObjectNode reply = json.createObjectNode();
                reply.put("automation_id", automation.id().toString());
                reply.put("enabled", automation.enabled());
                reply.setAll((ObjectNode) json.valueToTree(
                        explainer.explain(index, workspaceId, event, loaded.snapshot(), loaded.alreadySeen())));
                return reply;
            });
        });
    }

    private static ReceivedEvent validated(Event event) {
        if (event == null) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing"));
        }
        if (event.id() == null) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing", "id"));
        }
        if (event.occurred() == null) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing", "occurred"));
        }
        if (event.event() == null || event.event().isBlank()) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing", "event"));
        }
        if (event.resource() == null || event.resource().id() == null) {
            throw new ValidationProblemException(FieldProblem.body(
                    "The resource needs prefect.resource.id", "missing", "resource", "prefect.resource.id"));
        }
        return event.receive(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Built from the stored automation, so a disabled one (absent from the live index) is explained too. */
    private static TriggerIndex indexOf(UUID workspaceId, Automation automation) {
        return new TriggerIndex(List.of(new TriggerIndex.Indexed(workspaceId, automation)));
    }

    private static AutomationStateView view(UUID workspaceId, Automation automation, LiveState live) {
        TriggerIndex index = indexOf(workspaceId, automation);
        List<BucketView> buckets = live.buckets().stream()
                .map(stored -> bucket(index.byTriggerId(stored.triggerId()), stored))
                .sorted(Comparator.comparing(BucketView::windowStart)).toList();
        List<CompositeView> composites = live.composites().stream().map(stored -> new CompositeView(
                stored.triggerId(),
                stored.state().children().values().stream()
                        .map(f -> new ChildFiringView(f.triggerId(), f.triggered()))
                        .sorted(Comparator.comparing(ChildFiringView::triggered)).toList(),
                stored.state().firedBy() == null ? null : stored.state().firedBy().triggerId())).toList();
        List<TimerView> timers = live.timers().stream().map(timer -> {
            TriggerIndex.Entry entry = index.byTriggerId(timer.key().triggerId());
            return new TimerView(timer.key().triggerId(), entry == null ? null
                    : entry.evaluator().matcher().triggeringLabels(timer.key().values()), timer.due());
        }).toList();
        return new AutomationStateView(automation.id(), automation.enabled(), buckets, composites, timers,
                live.truncated());
    }

    private static BucketView bucket(TriggerIndex.Entry entry, StoredBucket stored) {
        Bucket bucket = stored.bucket();
        EventTrigger trigger = entry == null ? null : entry.evaluator().trigger();
        Map<String, String> labels = entry == null || stored.values() == null ? null
                : entry.evaluator().matcher().triggeringLabels(stored.values());
        Boolean afterSeen = trigger == null || trigger.after().isEmpty() ? null : Boolean.TRUE;
        return new BucketView(stored.triggerId(), trigger == null ? null : trigger.posture(), labels,
                Math.max(bucket.count(), 0), trigger == null ? null : trigger.threshold(), bucket.start(),
                bucket.end(), afterSeen, bucket.triggered() == null ? "Resolved" : "Triggered", bucket.triggered());
    }
}
