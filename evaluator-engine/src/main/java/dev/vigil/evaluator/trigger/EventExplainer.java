package dev.vigil.evaluator.trigger;

import dev.vigil.evaluator.bucket.Bucket;
import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.CompositeKey;
import dev.vigil.evaluator.bucket.EngineState;
import dev.vigil.evaluator.bucket.ScratchEngineState;
import dev.vigil.evaluator.trigger.AutomationEvaluator.Touched;
import dev.vigil.evaluator.trigger.Explanation.BucketView;
import dev.vigil.evaluator.trigger.Explanation.CompositeVerdict;
import dev.vigil.evaluator.trigger.Explanation.LabelVerdict;
import dev.vigil.evaluator.trigger.Explanation.NameVerdict;
import dev.vigil.evaluator.trigger.Explanation.RelatedVerdict;
import dev.vigil.evaluator.trigger.Explanation.TriggerVerdict;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.ResourceSpecification;
import dev.vigil.model.firing.Firing;
import dev.vigil.model.firing.FiringState;
import dev.vigil.model.trigger.CompositeTrigger;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Explains, clause by clause, what an event would do to the automations of an index, by running the
 * engine on a scratch copy of their state. Read-only: the given state is never written.
 */
public final class EventExplainer {

    private final AutomationEvaluator engine = new AutomationEvaluator();

    /** Everything an explanation reads: every event trigger's bucket for this event, and every composite. */
    public Touched reads(TriggerIndex index, ReceivedEvent event) {
        List<BucketKey> buckets = new ArrayList<>();
        List<CompositeKey> composites = new ArrayList<>();
        for (TriggerIndex.Entry entry : index.entries()) {
            buckets.add(entry.evaluator().bucketKey(event));
            for (CompositeTrigger ancestor : entry.ancestors()) {
                composites.add(new CompositeKey(entry.workspaceId(), entry.automation().id(), ancestor.id()));
            }
        }
        return new Touched(buckets, composites.stream().distinct().toList());
    }

    public Explanation explain(TriggerIndex index, UUID workspaceId, ReceivedEvent event, EngineState state,
                               boolean alreadySeen) {
        List<TriggerVerdict> verdicts = new ArrayList<>();
        for (TriggerIndex.Entry entry : index.entries()) {
            verdicts.add(verdict(entry, event, state, alreadySeen));
        }
        String outcome = "nothing";
        EngineState afterwards = state;
        if (!alreadySeen) {
            ScratchEngineState scratch = new ScratchEngineState(state);
            List<AutomationFiring> firings = engine.onEvent(index, workspaceId, event, scratch);
            afterwards = scratch;
            if (firings.stream().anyMatch(f -> f.firing().triggerState() == FiringState.Triggered)) {
                outcome = "fire";
            } else if (!firings.isEmpty()) {
                outcome = "resolve";
            }
        }
        return new Explanation(event.id(), event.event(), alreadySeen, outcome, verdicts,
                composite(index, verdicts, state, afterwards, alreadySeen));
    }

    /** The composite tree of the index's only automation, when its trigger is a compound or sequence. */
    private static CompositeVerdict composite(TriggerIndex index, List<TriggerVerdict> verdicts, EngineState before,
                                              EngineState afterwards, boolean alreadySeen) {
        List<TriggerIndex.Indexed> automations = index.automations();
        if (automations.size() != 1 || !(automations.get(0).automation().trigger() instanceof CompositeTrigger root)) {
            return null;
        }
        Map<UUID, TriggerVerdict> byId = new HashMap<>();
        verdicts.forEach(verdict -> byId.put(verdict.triggerId(), verdict));
        TriggerIndex.Indexed only = automations.get(0);
        return new CompositeExplainer(only.workspaceId(), only.automation().id(), byId, before, afterwards,
                alreadySeen).explain(root);
    }

    private TriggerVerdict verdict(TriggerIndex.Entry entry, ReceivedEvent event, EngineState state,
                                   boolean alreadySeen) {
        EventTriggerEvaluator evaluator = entry.evaluator();
        EventTrigger trigger = evaluator.trigger();
        NameVerdict expect = names(trigger.expect(), event.event(), true);
        NameVerdict after = names(trigger.after(), event.event(), false);
        List<LabelVerdict> match = labels(trigger.match(), event);
        List<RelatedVerdict> related = trigger.matchRelated().specifications().stream()
                .filter(spec -> !spec.isEmpty()).map(spec -> related(spec, event.related())).toList();
        BucketKey key = evaluator.bucketKey(event);
        Optional<Bucket> before = state.find(key);
        Verdict result;
        Optional<Bucket> afterwards = before;
        if (alreadySeen) {
            result = new Verdict("nothing", "this event id was already counted; a redelivery is ignored");
        } else if (!expect.pass() && after.matched() == null) {
            result = new Verdict("nothing", "the event name matches neither expect nor after");
        } else if (match.stream().anyMatch(l -> !l.pass())) {
            LabelVerdict failed = match.stream().filter(l -> !l.pass()).findFirst().orElseThrow();
            result = new Verdict("nothing", "match fails on label " + failed.label() + " (value seen: "
                    + (failed.valuesSeen().isEmpty() ? "none" : failed.valuesSeen().get(0)) + ")");
        } else if (related.stream().anyMatch(r -> !r.pass())) {
            result = new Verdict("nothing", "match_related fails: no related resource satisfies "
                    + related.stream().filter(r -> !r.pass()).findFirst().orElseThrow().specification());
        } else {
            ScratchEngineState scratch = new ScratchEngineState(state);
            List<Firing> firings = evaluator.onEvent(event, scratch);
            afterwards = scratch.find(key);
            result = outcome(trigger, event, expect.pass(), after.matched() != null, firings, before, afterwards);
        }
        return new TriggerVerdict(trigger.id(), entry.ancestors().stream().map(CompositeTrigger::id).toList(),
                trigger.posture(), expect, after, match, related,
                evaluator.matcher().triggeringLabels(key.values()), trigger.threshold(),
                before.map(EventExplainer::view).orElse(null), afterwards.map(EventExplainer::view).orElse(null),
                result.outcome(), result.reason());
    }

    private record Verdict(String outcome, String reason) {
    }

    private static Verdict outcome(EventTrigger trigger, ReceivedEvent event, boolean expected, boolean isAfter,
                                   List<Firing> firings, Optional<Bucket> before, Optional<Bucket> afterwards) {
        boolean proactive = trigger.posture() == Posture.Proactive;
        int threshold = trigger.threshold();
        if (firings.stream().anyMatch(f -> f.triggerState() == FiringState.Triggered)) {
            return new Verdict("fire", proactive
                    ? "the event came after its window ended with fewer than " + threshold + " expected events"
                    : "the count reaches the threshold of " + threshold + " within the window");
        }
        if (!firings.isEmpty()) {
            return new Verdict("resolve", proactive
                    ? "the bucket had fired; an expected event arriving for it resolves it"
                    : "the window after the bucket's firing closed below the threshold of " + threshold);
        }
        if (!expected) {
            return before.isEmpty() && afterwards.isPresent()
                    ? new Verdict("open-window", "an after event opens the bucket's window until "
                            + afterwards.get().end())
                    : new Verdict("nothing", "an after event for a bucket that is already open");
        }
        if (afterwards.isEmpty()) {
            return new Verdict("nothing", "the trigger waits for an after event " + trigger.after()
                    + " before it counts");
        }
        Bucket now = afterwards.get();
        int previous = before.map(Bucket::count).orElse(0);
        if (now.count() > previous || (isAfter && before.isEmpty())) {
            return new Verdict("count", proactive
                    ? "count " + now.count() + " in the window; the window fires at its end (" + now.end()
                            + ") only if it has fewer than " + threshold
                    : "count " + now.count() + " of threshold " + threshold + " in the window ending " + now.end());
        }
        Instant occurred = event.occurred().toInstant();
        if (before.isPresent() && occurred.isBefore(before.get().start())) {
            return new Verdict("nothing", "the event occurred before the bucket's window opens at "
                    + before.get().start());
        }
        return new Verdict("nothing", "the event does not change the bucket's count");
    }

    private static NameVerdict names(List<String> patterns, String name, boolean emptyMatchesAll) {
        String matched = null;
        for (String pattern : patterns) {
            if (new EventNamePattern(pattern).matches(name)) {
                matched = pattern;
                break;
            }
        }
        boolean pass = matched != null || (emptyMatchesAll && patterns.isEmpty());
        return new NameVerdict(List.copyOf(patterns), matched, pass);
    }

    private static List<LabelVerdict> labels(ResourceSpecification spec, ReceivedEvent event) {
        List<LabelVerdict> verdicts = new ArrayList<>();
        spec.asMap().forEach((label, patterns) -> {
            String value = event.resource().get(label);
            boolean pass = new ResourceSpecification(Map.of(label, patterns)).matches(event.resource());
            verdicts.add(new LabelVerdict(label, patterns, value == null ? List.of() : List.of(value), pass));
        });
        return verdicts;
    }

    private static RelatedVerdict related(ResourceSpecification spec, List<RelatedResource> related) {
        List<LabelVerdict> labels = new ArrayList<>();
        spec.asMap().forEach((label, patterns) -> {
            ResourceSpecification one = new ResourceSpecification(Map.of(label, patterns));
            List<String> values = related.stream().map(r -> r.get(label)).filter(v -> v != null).toList();
            labels.add(new LabelVerdict(label, patterns, values, one.matchesAny(related)));
        });
        return new RelatedVerdict(spec.asMap(), spec.matchesAny(related), labels);
    }

    private static BucketView view(Bucket bucket) {
        return new BucketView(bucket.start(), bucket.end(), Math.max(bucket.count(), 0), bucket.triggered());
    }
}
