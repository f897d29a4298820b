package dev.vigil.actuator.action;

import dev.vigil.actuator.config.ActuatorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps this actuator's claims alive while their actions run, retries and backoffs included: every
 * {@code vigil.actuator.claim-renew-interval}, one Redis call extends all of them by
 * {@code vigil.actuator.claim-ttl}. A crashed actuator renews nothing, so its claims expire one TTL
 * after its last renewal and the redelivered messages are run by another owner.
 */
@ApplicationScoped
public class ClaimHeartbeat {

    /** Ledger key → owner, for every claim this instance holds. */
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final AtomicBoolean renewing = new AtomicBoolean();
    private final ActionLedger ledger;
    private final ActuatorConfig config;
    private final Vertx vertx;
    private long timer = -1;

    public ClaimHeartbeat(ActionLedger ledger, ActuatorConfig config, Vertx vertx) {
        this.ledger = ledger;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.claimRenewInterval().toMillis(), id -> renew().subscribe().with(
                renewed -> { },
                failure -> Log.warnf("Renewing %d action claims failed (%s); they are tried again at the next interval",
                        held.size(), failure.toString())));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** From now on, renews {@code owner}'s claim of {@code key}. */
    public void hold(String key, String owner) {
        held.put(key, owner);
    }

    /** Stops renewing {@code owner}'s claim of {@code key}. */
    public void drop(String key, String owner) {
        held.remove(key, owner);
    }

    /**
     * Renews every held claim now; claims found lost (expired, or taken over by another owner) are
     * logged and no longer renewed. A renewal still running when the timer fires again is not doubled.
     */
    Uni<Void> renew() {
        if (held.isEmpty() || !renewing.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        Map<String, String> snapshot = new HashMap<>(held);
        return ledger.renew(snapshot)
                .ifNoItem().after(config.claimRenewInterval()).fail()
                .invoke(lost -> forgetLost(snapshot, lost))
                .replaceWithVoid()
                .eventually(() -> renewing.set(false));
    }

    private void forgetLost(Map<String, String> renewed, List<String> lost) {
        for (String key : lost) {
            // Dropped meanwhile: the action finished and replaced its claim; nothing was lost.
            if (held.remove(key, renewed.get(key))) {
                Log.warnf("The claim of action %s expired or was taken over while it ran; its outcome is recorded"
                        + " by the delivery log, and the target deduplicates by Idempotency-Key", key);
            }
        }
    }
}
