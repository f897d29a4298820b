package dev.vigil.actuator.retry;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.actuator.action.ActionExecutor;
import dev.vigil.actuator.action.ActionLedger;
import dev.vigil.actuator.action.RunningActions;
import dev.vigil.actuator.action.SlotScope;
import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs parked retries once they are due: every {@code vigil.actuator.retry.poll.interval} (a Vert.x timer, never
 * blocking; a poll still running is not doubled), takes up to {@code batch-size} due retries (at most
 * {@code per-workspace} of one workspace), claims their ledger keys in one Redis call, leases the claimed ones in
 * the {@link RetryQueue} in one statement, and runs each through {@link ActionExecutor#resume} in a running slot, as
 * the consumer runs an action: the same claim, delivery log and {@code Idempotency-Key}, from the attempt it was
 * parked at. A retry whose key another owner holds is left due; one no longer due (taken, finished) gives its claim
 * back. At most {@code max-in-flight} retries run at once on this replica, and a workspace with
 * {@code per-workspace} of them running is skipped until some are over, so a dead target's backlog is taken back
 * at the pace of its own share while the other workspaces' retries keep their turn. A poll that filled its batch is
 * followed at once by the next; one that cut a workspace at its share is followed after {@code refill-delay}, as
 * soon as one such workspace runs fewer than its share, so a workspace with a backlog is refilled as its retries
 * finish rather than once per interval. No more is taken than fits {@code vigil.actuator.max-claims-ahead}
 * claimed actions waiting for a running slot. A due retry whose target's circuit is open here is not run at all
 * ({@code skip-open-circuits}): see {@link OpenCircuitSkips}.
 */
@ApplicationScoped
public class RetryPoller {

    private final RetryQueue queue;
    private final OpenCircuitSkips skips;
    private final ActionLedger ledger;
    private final ActionExecutor executor;
    private final SlotScope slots;
    private final RunningActions running;
    private final int maxClaimsAhead;
    private final int maxClaimsAheadPerWorkspace;
    private final ActuatorConfig.RetryPoll config;
    private final Vertx vertx;
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<UUID, AtomicInteger> inFlightOf = new ConcurrentHashMap<>();
    /** Workspaces that had more due retries than the last poll that read them took. */
    private final Set<UUID> backlogged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean refillScheduled = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    public RetryPoller(RetryQueue queue, OpenCircuitSkips skips, ActionLedger ledger, ActionExecutor executor,
                       RunningActions running, ActuatorConfig config, Vertx vertx) {
        this.queue = queue;
        this.skips = skips;
        this.ledger = ledger;
        this.executor = executor;
        this.slots = SlotScope.takenFrom(running);
        this.running = running;
        this.maxClaimsAhead = config.maxClaimsAhead();
        this.maxClaimsAheadPerWorkspace = config.maxClaimsAheadPerWorkspace();
        this.config = config.retry().poll();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> poll().subscribe().with(
                taken -> { },
                failure -> Log.warnf("Looking for due retries failed (%s); tried again at the next interval",
                        failure.toString())));
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Retries this replica runs now (for tests and metrics). */
    public int inFlight() {
        return inFlight.get();
    }

    /** One poll: answers how many retries it started. */
    Uni<Integer> poll() {
        int room = Math.min(Math.min(config.batchSize(), config.maxInFlight() - inFlight.get()),
                maxClaimsAhead - running.waiting());
        if (stopped || room <= 0 || !polling.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        Set<UUID> skipped = saturated();
        return queue.due(room, config.perWorkspace(), skipped)
                .chain(due -> skips.skipRefused(due).chain(toRun -> claimAndRun(toRun)).invoke(started -> {
                    noteBacklogs(due, skipped);
                    if (due.size() == room) {
                        // A full poll: more may be due now; the next poll need not wait for the timer.
                        vertx.runOnContext(() -> poll().subscribe().with(n -> { }, failure -> { }));
                    } else if (!backlogged.isEmpty()) {
                        scheduleRefill();
                    }
                }))
                .eventually(() -> polling.set(false));
    }

    /** A workspace read by this poll has a backlog when the poll took its whole share; skipped ones keep theirs. */
    private void noteBacklogs(List<RetryQueue.Due> due, Set<UUID> skipped) {
        Map<UUID, Integer> taken = new HashMap<>();
        due.forEach(retry -> taken.merge(retry.execution().workspaceId(), 1, Integer::sum));
        backlogged.removeIf(workspace -> !skipped.contains(workspace) && !taken.containsKey(workspace));
        taken.forEach((workspace, count) -> {
            if (count >= config.perWorkspace()) {
                backlogged.add(workspace);
            } else {
                backlogged.remove(workspace);
            }
        });
    }

    private void scheduleRefill() {
        if (!stopped && refillScheduled.compareAndSet(false, true)) {
            vertx.setTimer(config.refillDelay().toMillis(), id -> {
                refillScheduled.set(false);
                refill();
            });
        }
    }

    /** Polls for the backlogged workspaces once one of them runs fewer than its share; until then, waits again. */
    private void refill() {
        if (backlogged.isEmpty()) {
            return;
        }
        if (saturated().containsAll(backlogged)) {
            scheduleRefill();
            return;
        }
        poll().subscribe().with(n -> { }, failure -> Log.warnf("Looking for due retries failed (%s); tried again"
                + " at the next interval", failure.toString()));
    }

    /** The workspaces running their share of retries here already: none of theirs is taken meanwhile. */
    private Set<UUID> saturated() {
        Set<UUID> full = new HashSet<>();
        inFlightOf.forEach((workspace, running) -> {
            if (running.get() >= config.perWorkspace()
                    || this.running.waitingToStart(workspace) >= maxClaimsAheadPerWorkspace) {
                full.add(workspace);
            }
        });
        return full;
    }

    private Uni<Integer> claimAndRun(List<RetryQueue.Due> due) {
        if (due.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<ActionMessage> messages = new ArrayList<>(due.size());
        List<RetryQueue.Due> readable = new ArrayList<>(due.size());
        for (RetryQueue.Due retry : due) {
            try {
                messages.add(VigilJson.mapper().readValue(retry.message(), ActionMessage.class));
                readable.add(retry);
            } catch (JsonProcessingException e) {
                Log.errorf("The stored message of execution %s is unreadable (%s); its retry cannot run",
                        retry.execution().id(), e.getOriginalMessage());
            }
        }
        List<String> keys = new ArrayList<>(messages.size());
        List<String> owners = new ArrayList<>(messages.size());
        for (ActionMessage message : messages) {
            keys.add(ActionLedger.key(message));
            owners.add(UUID.randomUUID().toString());
        }
        return ledger.claimAll(keys, owners).chain(claims -> {
            List<Integer> claimed = new ArrayList<>();
            for (int i = 0; i < claims.size(); i++) {
                if (claims.get(i) == ActionLedger.Claim.CLAIMED) {
                    claimed.add(i);
                }
            }
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<UUID> ids = claimed.stream().map(i -> readable.get(i).execution().id()).toList();
            return queue.take(ids, config.lease())
                    .onFailure().call(() -> releaseAll(claimed, messages, owners))
                    .map(taken -> start(claimed, taken, readable, messages, owners));
        });
    }

    private int start(List<Integer> claimed, Set<UUID> taken, List<RetryQueue.Due> due, List<ActionMessage> messages,
                      List<String> owners) {
        int started = 0;
        for (int i : claimed) {
            ActionMessage message = messages.get(i);
            if (!taken.contains(due.get(i).execution().id())) {
                release(message, owners.get(i)).subscribe().with(done -> { }, failure -> { });
                continue;
            }
            started++;
            inFlight.incrementAndGet();
            AtomicInteger ofWorkspace = inFlightOf.computeIfAbsent(message.workspaceId(), w -> new AtomicInteger());
            ofWorkspace.incrementAndGet();
            executor.resume(message, owners.get(i), due.get(i).execution(), slots)
                    .onTermination().invoke(() -> {
                        inFlight.decrementAndGet();
                        ofWorkspace.decrementAndGet();
                    })
                    .subscribe().with(done -> { }, failure -> Log.warnf("The retry of action %s failed (%s); it is"
                            + " due again once its lease is over", message.idempotencyKey(), failure.toString()));
        }
        return started;
    }

    private Uni<Void> releaseAll(List<Integer> claimed, List<ActionMessage> messages, List<String> owners) {
        List<Uni<Void>> released = new ArrayList<>(claimed.size());
        claimed.forEach(i -> released.add(release(messages.get(i), owners.get(i))));
        return Uni.join().all(released).andCollectFailures().replaceWithVoid().onFailure().recoverWithNull();
    }

    private Uni<Void> release(ActionMessage message, String owner) {
        return ledger.release(message, owner).onFailure().recoverWithNull();
    }
}
