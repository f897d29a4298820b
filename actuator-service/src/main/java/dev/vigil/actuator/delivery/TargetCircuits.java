package dev.vigil.actuator.delivery;

import dev.vigil.actuator.config.ActuatorConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@link TargetCircuit} of each target (host and port, as {@link TargetGate} keys it), in this
 * replica's memory. An attempt the circuit refuses does not go to the network: it is a failed retryable
 * attempt of its action, logged with the reason, and the action's retries go on with their usual backoff,
 * so a dead target's actions use their retry budget without calling it, and nothing else changes.
 */
@ApplicationScoped
public class TargetCircuits {

    private final Map<String, TargetCircuit> circuits = new ConcurrentHashMap<>();
    private final ActuatorConfig.Circuit config;

    public TargetCircuits(ActuatorConfig config) {
        this.config = config.targets().circuit();
    }

    /** Whether the target's circuit refuses calls now (checked before queueing for the target's gate). */
    public boolean refusing(String target) {
        TargetCircuit circuit = config.enabled() ? circuits.get(target) : null;
        return circuit != null && circuit.refusing();
    }

    /** The target's circuit is open or half-open (for tests and metrics). */
    public boolean isOpen(String target) {
        TargetCircuit circuit = circuits.get(target);
        return circuit != null && circuit.isOpen();
    }

    /** Runs {@code call} if the target's circuit admits it and counts its outcome; a refusal is a retryable attempt. */
    public <T> Uni<Attempt<T>> guard(String target, Supplier<Uni<Attempt<T>>> call) {
        if (!config.enabled()) {
            return call.get();
        }
        TargetCircuit circuit = circuits.computeIfAbsent(target, ignored ->
                new TargetCircuit(config.failureThreshold(), config.cooldown().toNanos(), System::nanoTime));
        return Uni.createFrom().deferred(() -> {
            TargetCircuit.Pass pass = circuit.admit();
            if (pass == TargetCircuit.Pass.REFUSED) {
                return Uni.createFrom().item(refusal(circuit.refusal()));
            }
            return call.get()
                    .invoke(attempt -> {
                        if (attempt.outcome() == Attempt.Outcome.RETRYABLE) {
                            circuit.failed(pass);
                        } else {
                            circuit.succeeded();
                        }
                    })
                    .onFailure().invoke(() -> circuit.failed(pass))
                    .onCancellation().invoke(() -> circuit.abandoned(pass));
        });
    }

    /** The attempt a refusal counts as, for a target whose circuit refuses calls ({@link #refusing} said so). */
    public <T> Attempt<T> refused(String target) {
        return refusal(circuits.get(target).refusal());
    }

    /** Why the target's circuit refuses calls, for a target whose circuit does ({@link #refusing} said so). */
    public String refusalReason(String target) {
        TargetCircuit circuit = circuits.get(target);
        return circuit == null ? "circuit open" : circuit.refusal();
    }

    private static <T> Attempt<T> refusal(String reason) {
        return new Attempt<>(null, Attempt.Outcome.RETRYABLE, null, null, reason, null);
    }
}
