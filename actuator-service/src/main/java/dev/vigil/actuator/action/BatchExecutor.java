package dev.vigil.actuator.action;

import dev.vigil.actuator.config.ActuatorConfig;
import dev.vigil.actuator.delivery.DeliveryLog;
import dev.vigil.actuator.delivery.Execution;
import dev.vigil.actuator.event.ActionEventSender;
import dev.vigil.actuator.event.ActionEvents;
import dev.vigil.actuator.retry.RetryQueue;
import dev.vigil.model.messaging.ActionMessage;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a batch of action messages as one unit where they can share a call: one Redis call claims every key, one
 * statement opens the claimed actions' executions, one producer hop sends their triggered events; then each
 * handler runs on its own, concurrently with the others, in a running slot of {@link RunningActions} (the
 * per-target bounds, retries and circuit breaker apply per action, as alone), and the outcomes are written with
 * those of actions finishing about together. Every action still ends on its own: one that fails does not fail its
 * neighbours.
 * <p>
 * A key is run once per batch: a second message of a key waits for the first and then runs alone
 * ({@link ActionExecutor#execute}), where the ledger or the delivery log finds it over. A key another owner holds,
 * and every key of a batch whose claim call failed, goes the same way: alone, claimed again at the poll pace.
 */
@ApplicationScoped
public class BatchExecutor {

    private final ActionLedger ledger;
    private final DeliveryLog log;
    private final ActionExecutor executor;
    private final ActionEventSender events;
    private final SlotScope slots;
    private final HeldActions held;
    private final RetryQueue retries;
    private final RunningActions running;
    private final int maxClaimsAhead;
    private final int maxClaimsAheadPerWorkspace;

    public BatchExecutor(ActionLedger ledger, DeliveryLog log, ActionExecutor executor, ActionEventSender events,
                         RunningActions running, HeldActions held, RetryQueue retries, ActuatorConfig config) {
        this.held = held;
        this.retries = retries;
        this.running = running;
        this.maxClaimsAhead = config.maxClaimsAhead();
        this.maxClaimsAheadPerWorkspace = config.maxClaimsAheadPerWorkspace();
        this.ledger = ledger;
        this.log = log;
        this.executor = executor;
        this.events = events;
        this.slots = SlotScope.takenFrom(running);
    }

    /** An action message as parsed, and as it arrived (kept as is in the delivery log). */
    public record Arrival(ActionMessage message, String json) {
    }

    /**
     * Each action's end, in the order of {@code arrivals}. The actions of a workspace holding its share
     * ({@link HeldActions}), and those past {@code vigil.actuator.max-claims-ahead} claimed actions waiting for a
     * running slot (or {@code max-claims-ahead-per-workspace} of its workspace), are parked instead, due now: a claim
     * is never taken long before its action can run, and one workspace's queue never takes the others' room. The first action of each key is under way already; a second
     * of a key starts when its end is subscribed to, after the first's.
     */
    public List<Uni<Void>> executeAll(List<Arrival> arrivals) {
        List<Arrival> batch = new ArrayList<>(arrivals.size());
        List<Arrival> over = new ArrayList<>();
        boolean[] admitted = new boolean[arrivals.size()];
        int claimsAhead = maxClaimsAhead - running.waiting();
        Map<UUID, Integer> aheadOf = new HashMap<>();
        for (int i = 0; i < arrivals.size(); i++) {
            UUID workspace = arrivals.get(i).message().workspaceId();
            int ofWorkspace = aheadOf.computeIfAbsent(workspace, running::waitingToStart);
            admitted[i] = claimsAhead > 0 && ofWorkspace < maxClaimsAheadPerWorkspace && held.tryHold(workspace);
            if (admitted[i]) {
                claimsAhead--;
                aheadOf.put(workspace, ofWorkspace + 1);
            }
            (admitted[i] ? batch : over).add(arrivals.get(i));
        }
        List<Uni<Void>> run = run(batch);
        List<Uni<Void>> parked = park(over);
        List<Uni<Void>> ends = new ArrayList<>(arrivals.size());
        int nextRun = 0;
        int nextParked = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            if (admitted[i]) {
                UUID workspace = arrivals.get(i).message().workspaceId();
                ends.add(run.get(nextRun++).onTermination().invoke(() -> held.release(workspace)));
            } else {
                ends.add(parked.get(nextParked++));
            }
        }
        return ends;
    }

    /**
     * The actions of workspaces over their share of held actions: parked in one statement, due now, for the retry
     * poller to run in turn with the other workspaces' (their messages are then acknowledged). One whose key has an
     * execution already (a redelivered message) runs here instead, as any other.
     */
    private List<Uni<Void>> park(List<Arrival> over) {
        if (over.isEmpty()) {
            return List.of();
        }
        List<ActionMessage> messages = new ArrayList<>(over.size());
        List<String> jsons = new ArrayList<>(over.size());
        over.forEach(arrival -> {
            messages.add(arrival.message());
            jsons.add(arrival.json());
        });
        Uni<java.util.Set<String>> parked = retries.defer(messages, jsons).memoize().indefinitely();
        List<Uni<Void>> ends = new ArrayList<>(over.size());
        for (Arrival arrival : over) {
            ends.add(parked.chain(keys -> keys.contains(arrival.message().idempotencyKey())
                    ? Uni.createFrom().voidItem()
                    : executor.execute(arrival.message(), arrival.json(), slots, true)));
        }
        return ends;
    }

    private List<Uni<Void>> run(List<Arrival> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> leaderOfKey = new HashMap<>();
        List<Arrival> leaders = new ArrayList<>();
        int[] leaderOf = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Integer known = leaderOfKey.putIfAbsent(ActionLedger.key(batch.get(i).message()), leaders.size());
            if (known == null) {
                leaders.add(batch.get(i));
                leaderOf[i] = leaders.size() - 1;
            } else {
                leaderOf[i] = -1 - known;
            }
        }
        List<Uni<Void>> leaderRuns = start(leaders);
        List<Uni<Void>> ends = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (leaderOf[i] >= 0) {
                ends.add(leaderRuns.get(leaderOf[i]));
            } else {
                Arrival again = batch.get(i);
                ends.add(leaderRuns.get(-1 - leaderOf[i]).onItemOrFailure().transformToUni((done, failure) ->
                        executor.execute(again.message(), again.json(), slots, true)));
            }
        }
        return ends;
    }

    /** Claims every leader in one call, then runs each (memoized: a duplicate waits on its leader's run). */
    private List<Uni<Void>> start(List<Arrival> leaders) {
        List<String> keys = new ArrayList<>(leaders.size());
        List<String> owners = new ArrayList<>(leaders.size());
        for (Arrival arrival : leaders) {
            keys.add(ActionLedger.key(arrival.message()));
            owners.add(UUID.randomUUID().toString());
        }
        Uni<List<Uni<Void>>> runs = ledger.claimAll(keys, owners)
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("Claiming %d actions failed (%s); each tries again alone", leaders.size(),
                            failure.getMessage());
                    return Collections.nCopies(leaders.size(), ActionLedger.Claim.BUSY);
                })
                .map(claims -> run(leaders, owners, claims))
                .memoize().indefinitely();
        List<Uni<Void>> each = new ArrayList<>(leaders.size());
        for (int i = 0; i < leaders.size(); i++) {
            int index = i;
            Uni<Void> run = runs.chain(all -> all.get(index)).memoize().indefinitely();
            // Under way whoever waits for it; its end reaches the caller through the memo.
            run.subscribe().with(done -> { }, failure -> { });
            each.add(run);
        }
        return each;
    }

    private List<Uni<Void>> run(List<Arrival> leaders, List<String> owners, List<ActionLedger.Claim> claims) {
        List<ActionMessage> claimed = new ArrayList<>();
        List<String> claimedJson = new ArrayList<>();
        for (int i = 0; i < leaders.size(); i++) {
            if (claims.get(i) == ActionLedger.Claim.CLAIMED) {
                claimed.add(leaders.get(i).message());
                claimedJson.add(leaders.get(i).json());
            }
        }
        List<Uni<Execution>> opened = claimed.isEmpty() ? List.of() : log.openAll(claimed, claimedJson);
        Uni<Void> triggered = triggered(claimed, opened);
        List<Uni<Void>> runs = new ArrayList<>(leaders.size());
        int next = 0;
        for (int i = 0; i < leaders.size(); i++) {
            Arrival arrival = leaders.get(i);
            runs.add(switch (claims.get(i)) {
                case CLAIMED -> executor.runClaimed(arrival.message(), owners.get(i), opened.get(next++),
                        execution -> triggered, slots, true);
                case FINISHED -> {
                    Log.debugf("Action %s already finished; skipped", arrival.message().idempotencyKey());
                    yield Uni.createFrom().voidItem();
                }
                case BUSY -> executor.execute(arrival.message(), arrival.json(), slots, true);
            });
        }
        return runs;
    }

    /**
     * Once every execution is open, sends the triggered events of those to run in one producer hop; started now,
     * memoized for the actions that wait for it. An execution that could not be opened fails its own action only.
     */
    private Uni<Void> triggered(List<ActionMessage> claimed, List<Uni<Execution>> opened) {
        if (opened.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Execution>> settled = new ArrayList<>(opened.size());
        opened.forEach(execution -> settled.add(execution.onFailure().recoverWithNull()));
        Uni<Void> sent = Uni.join().all(settled).andFailFast().chain(executions -> {
            List<ActionEventSender.Addressed> toSend = new ArrayList<>(executions.size());
            for (int i = 0; i < executions.size(); i++) {
                Execution execution = executions.get(i);
                if (execution != null && !execution.status().terminal() && !execution.parked()) {
                    ActionMessage message = claimed.get(i);
                    toSend.add(new ActionEventSender.Addressed(message.workspaceId(),
                            ActionEvents.triggered(message, execution.redeliveries())));
                }
            }
            return events.sendAll(toSend);
        }).memoize().indefinitely();
        sent.subscribe().with(done -> { }, failure -> { });
        return sent;
    }
}
