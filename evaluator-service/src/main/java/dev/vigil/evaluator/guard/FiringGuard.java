package dev.vigil.evaluator.guard;

import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.metrics.EvaluatorMetrics.Withheld;
import dev.vigil.evaluator.metrics.EvaluatorMetrics;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.model.causal.CausalChain;
import dev.vigil.model.event.ReceivedEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides which committed firings are acted on. The loop guard drops a firing whose causal chain is longer
 * than {@code vigil.evaluator.max-causal-depth} and reports it with a loop-detected event; the storm brake
 * drops an automation's firings beyond {@code max-firings-per-minute} in a clock minute and pauses it. The
 * firings stay committed either way: the trigger's state moved on, only the effects are withheld.
 */
@ApplicationScoped
public class FiringGuard {

    private final FiringCounter counter;
    private final StormBrake brake;
    private final int maxDepth;
    private final int maxPerMinute;
    private final EvaluatorMetrics metrics;

    public FiringGuard(FiringCounter counter, StormBrake brake, EvaluatorConfig config, EvaluatorMetrics metrics) {
        this.metrics = metrics;
        this.counter = counter;
        this.brake = brake;
        this.maxDepth = config.maxCausalDepth();
        this.maxPerMinute = config.maxFiringsPerMinute();
    }

    /** An event to publish in a workspace instead of a firing's effects. */
    public record Notice(UUID workspaceId, ReceivedEvent event) {
    }

    /** The firings to act on, in their order, and the notices of those withheld. */
    public record Admission(List<AutomationFiring> admitted, List<Notice> notices) {
    }

    public Uni<Admission> admit(List<AutomationFiring> firings) {
        List<AutomationFiring> shallow = new ArrayList<>(firings.size());
        List<Notice> notices = new ArrayList<>();
        for (AutomationFiring fired : firings) {
            List<String> chain = CausalChain.ofFiring(fired.firing(), fired.automation().id());
            if (chain.size() == maxDepth + 1) {
                Log.warnf("Automation %s: firing %s not acted on, causal chain %s is deeper than %d",
                        fired.automation().id(), fired.firing().id(), chain, maxDepth);
                notices.add(new Notice(fired.workspaceId(),
                        LoopEvents.loopDetected(fired.automation(), fired.firing(), chain, maxDepth)));
            } else if (chain.size() > maxDepth + 1) {
                // Only a loop-detected event (or a firing caused by one) is that deep: reporting it again would
                // feed an automation that reacts to loop-detected events a loop of its own, one event per round.
                Log.debugf("Automation %s: firing %s not acted on, causal chain %s already reported",
                        fired.automation().id(), fired.firing().id(), chain);
            } else {
                shallow.add(fired);
            }
        }
        metrics.withheld(Withheld.LOOP, firings.size() - shallow.size());
        if (shallow.isEmpty()) {
            return Uni.createFrom().item(new Admission(List.of(), notices));
        }
        Map<UUID, List<AutomationFiring>> byAutomation = new LinkedHashMap<>();
        for (AutomationFiring fired : shallow) {
            byAutomation.computeIfAbsent(fired.automation().id(), id -> new ArrayList<>()).add(fired);
        }
        List<FiringCounter.Increment> increments = new ArrayList<>(byAutomation.size());
        for (List<AutomationFiring> group : byAutomation.values()) {
            AutomationFiring first = group.get(0);
            increments.add(new FiringCounter.Increment(first.workspaceId(), first.automation().id(), group.size()));
        }
        return counter.add(increments)
                .map(counts -> new Admission(brake(shallow, byAutomation, counts), notices))
                .onFailure().recoverWithItem(failure -> {
                    // Withholding effects because a counter could not be read would lose them for good.
                    Log.warnf("Firing counters not updated (%s); acting on the firings unbraked", failure.getMessage());
                    return new Admission(shallow, notices);
                });
    }

    private List<AutomationFiring> brake(List<AutomationFiring> shallow, Map<UUID, List<AutomationFiring>> byAutomation,
                                         List<Long> counts) {
        Map<AutomationFiring, Boolean> over = new IdentityHashMap<>();
        int i = 0;
        for (List<AutomationFiring> group : byAutomation.values()) {
            long after = counts.get(i++);
            long before = after - group.size();
            for (int k = 0; k < group.size(); k++) {
                if (before + k + 1 > maxPerMinute) {
                    over.put(group.get(k), Boolean.TRUE);
                }
            }
            if (before <= maxPerMinute && after > maxPerMinute) {
                AutomationFiring first = group.get(0);
                brake.pause(first.workspaceId(), first.automation().id(), maxPerMinute);
            }
        }
        if (over.isEmpty()) {
            return shallow;
        }
        metrics.withheld(Withheld.STORM, over.size());
        List<AutomationFiring> admitted = new ArrayList<>(shallow.size() - over.size());
        for (AutomationFiring fired : shallow) {
            if (!over.containsKey(fired)) {
                admitted.add(fired);
            }
        }
        return admitted;
    }
}
