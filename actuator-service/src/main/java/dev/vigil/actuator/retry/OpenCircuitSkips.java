package dev.vigil.actuator.retry;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.RetryPolicy;
import dev.vigil.actuator.delivery.TargetCircuits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaves unrun the due retries whose target's circuit is open on this replica. Running one would only take a claim,
 * a lease and a running slot to log a refused attempt: a dead target's backlog would cost as much as real work and
 * share the event loop with everyone else's actions. Instead its attempt is logged as refused and it is parked for
 * the next attempt at the usual backoff, all of a poll's in one statement, so the schedule of attempts (and of the
 * dead letter) stays as it was. The last attempt is always run, so the action is dead-lettered through the usual
 * path; so is a retry whose target is unknown or whose circuit admits calls again (the probe).
 */
@ApplicationScoped
public class OpenCircuitSkips {

    static final String NOT_RUN = " (not run: the target's circuit was open when the retry came due)";

    private final RetryQueue queue;
    private final TargetCircuits circuits;
    private final RetryPolicy policy;
    private final boolean enabled;
    private final Counter skipped;

    public OpenCircuitSkips(RetryQueue queue, TargetCircuits circuits, RetryPolicy policy, ActuatorConfig config,
                            MeterRegistry registry) {
        this.queue = queue;
        this.circuits = circuits;
        this.policy = policy;
        this.enabled = config.retry().poll().skipOpenCircuits();
        this.skipped = Counter.builder("vigil.actuator.retries.skipped")
                .description("Due retries not run because their target's circuit was open (each logged as refused)")
                .register(registry);
    }

    /** Skips the due retries it can; answers the others, to be run. */
    public Uni<List<RetryQueue.Due>> skipRefused(List<RetryQueue.Due> due) {
        if (!enabled || due.isEmpty()) {
            return Uni.createFrom().item(due);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<RetryQueue.Skip> skips = new ArrayList<>();
        List<RetryQueue.Due> toRun = new ArrayList<>(due.size());
        for (RetryQueue.Due retry : due) {
            int attempt = retry.execution().retryAttempt();
            String type = retry.execution().actionType();
            if (retry.target() != null && attempt < policy.maxAttempts(type) && circuits.refusing(retry.target())) {
                skips.add(new RetryQueue.Skip(retry.execution().id(), attempt,
                        now.plus(policy.delayBefore(type, attempt + 1, null)),
                        circuits.refusalReason(retry.target()) + NOT_RUN));
            } else {
                toRun.add(retry);
            }
        }
        if (skips.isEmpty()) {
            return Uni.createFrom().item(toRun);
        }
        // A retry the statement did not move (leased or run by another replica meanwhile) is left alone here too.
        return queue.skip(skips).invoke(moved -> skipped.increment(moved.size())).replaceWith(toRun);
    }
}
