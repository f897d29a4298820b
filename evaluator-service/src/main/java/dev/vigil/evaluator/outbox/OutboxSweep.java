package dev.vigil.evaluator.outbox;

import dev.vigil.evaluator.action.FiringPublisher;
import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.metrics.EvaluatorMetrics;
import dev.vigil.evaluator.state.OutboxEntry;
import dev.vigil.evaluator.support.SafeContexts;
import dev.vigil.evaluator.trigger.AutomationFiring;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Publishes the firings that were committed but whose publisher did not remove them within the lease:
 * it crashed, or the broker refused them. Any replica runs it, at startup and then on a Vert.x timer;
 * the claim script gives each due entry to one sweep per lease. Entries are republished in commit
 * order and removed once the broker has every message; the firing ids, so the idempotency keys and
 * the state event ids, are the stored ones, so consumers recognise a firing published twice, and each continues
 * the trace context it was committed with. Each firing republished counts in
 * {@code vigil_outbox_republished_total}.
 */
@ApplicationScoped
public class OutboxSweep {

    private final AutomationCatalog catalog;
    private final FiringOutbox outbox;
    private final FiringPublisher publisher;
    private final EvaluatorConfig config;
    private final Vertx vertx;
    private final EvaluatorMetrics metrics;
    private volatile boolean stopped;

    public OutboxSweep(AutomationCatalog catalog, FiringOutbox outbox, FiringPublisher publisher,
                       EvaluatorConfig config, Vertx vertx, EvaluatorMetrics metrics) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
    }

    /** The first sweep runs at once: a restarted evaluator republishes what it left behind. */
    void start(@Observes StartupEvent starting) {
        SafeContexts.run(vertx, this::sweepThenSchedule);
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        // Best effort: what is not removed now is republished one lease later, with the same ids.
        try {
            outbox.removePublished().await().atMost(config.outbox().sweepInterval());
        } catch (RuntimeException e) {
            Log.warnf("Published outbox entries not removed at shutdown (%s); the sweep republishes them",
                    e.getMessage());
        }
    }

    /** Each sweep a fixed interval after the previous one ended, so sweeps never overlap. */
    private void sweepThenSchedule() {
        sweep().subscribe().with(done -> scheduleNext(), failure -> scheduleNext());
    }

    private void scheduleNext() {
        if (stopped) {
            return;
        }
        vertx.setTimer(config.outbox().sweepInterval().toMillis(),
                timer -> SafeContexts.run(vertx, this::sweepThenSchedule));
    }

    /**
     * Removes the entries this process published since its last state read, then claims and republishes
     * the due entries of every workspace that has automations.
     */
    Uni<Void> sweep() {
        return outbox.removePublished().onFailure().recoverWithNull().chain(catalog::index).chain(index -> {
            Set<UUID> workspaces = index.workspaces();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID workspace : workspaces) {
                chain = chain.chain(() -> sweep(workspace));
            }
            return chain;
        }).onFailure().invoke(e -> Log.warnf("Outbox sweep failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> sweep(UUID workspace) {
        return outbox.claimDue(workspace).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<AutomationFiring> firings = new ArrayList<>();
            Map<UUID, String> traceparents = new HashMap<>();
            List<OutboxEntry> unreadable = new ArrayList<>();
            for (OutboxEntry entry : claimed) {
                try {
                    OutboxCodec.Read read = outbox.read(entry);
                    firings.addAll(read.firings());
                    traceparents.putAll(read.traceparents());
                } catch (IllegalArgumentException e) {
                    // It can never be published; keeping it would only claim it again every lease.
                    Log.errorf("Outbox entry %s of workspace %s is unreadable and dropped: %s", entry.id(), workspace,
                            e.getMessage());
                    unreadable.add(entry);
                }
            }
            Log.infof("Republishing %d committed firings of workspace %s left in the outbox", firings.size(),
                    workspace);
            return outbox.remove(unreadable)
                    .chain(() -> publisher.republish(firings, firing -> traceparents.get(firing.id())))
                    .invoke(() -> metrics.republished(firings.size()))
                    .chain(() -> outbox.remove(claimed))
                    .onFailure().invoke(e -> Log.warnf(
                            "Republishing the outbox of workspace %s failed (%s); retrying after the lease",
                            workspace, e.getMessage()))
                    .onFailure().recoverWithNull().replaceWithVoid();
        });
    }
}
