package dev.vigil.actuator.delivery;

import static dev.vigil.actuator.delivery.TargetCircuit.Pass.CALL;
import static dev.vigil.actuator.delivery.TargetCircuit.Pass.PROBE;
import static dev.vigil.actuator.delivery.TargetCircuit.Pass.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The circuit breaker of one target, on a clock the test moves. */
class TargetCircuitTest {

    private static final int THRESHOLD = 3;
    private static final long COOLDOWN = 1_000;

    private final AtomicLong now = new AtomicLong(42);
    private final TargetCircuit circuit = new TargetCircuit(THRESHOLD, COOLDOWN, now::get);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            TargetCircuit.Pass pass = circuit.admit();
            assertThat(pass).isEqualTo(CALL);
            circuit.failed(pass);
        }
    }

    @Test
    void opensAfterThresholdConsecutiveFailures() {
        fail(THRESHOLD - 1);
        assertThat(circuit.isOpen()).isFalse();
        assertThat(circuit.refusing()).isFalse();

        fail(1);
        assertThat(circuit.isOpen()).isTrue();
        assertThat(circuit.refusing()).isTrue();
        assertThat(circuit.admit()).isEqualTo(REFUSED);
        assertThat(circuit.refusal()).isEqualTo("circuit open after 3 consecutive failures");
    }

    @Test
    void anAnswerInBetweenResetsTheCount() {
        fail(THRESHOLD - 1);
        circuit.succeeded();
        fail(THRESHOLD - 1);
        assertThat(circuit.isOpen()).isFalse();
        assertThat(circuit.admit()).isEqualTo(CALL);
    }

    @Test
    void refusesUntilTheCooldownIsOverThenLetsOneProbeThrough() {
        fail(THRESHOLD);
        now.addAndGet(COOLDOWN - 1);
        assertThat(circuit.admit()).isEqualTo(REFUSED);

        now.addAndGet(1);
        assertThat(circuit.refusing()).isFalse();
        assertThat(circuit.admit()).isEqualTo(PROBE);
        // While the probe is out, every other call is still refused.
        assertThat(circuit.refusing()).isTrue();
        assertThat(circuit.admit()).isEqualTo(REFUSED);
        assertThat(circuit.admit()).isEqualTo(REFUSED);
    }

    @Test
    void aSuccessfulProbeClosesIt() {
        fail(THRESHOLD);
        now.addAndGet(COOLDOWN);
        assertThat(circuit.admit()).isEqualTo(PROBE);
        circuit.succeeded();

        assertThat(circuit.isOpen()).isFalse();
        assertThat(circuit.admit()).isEqualTo(CALL);
        assertThat(circuit.admit()).isEqualTo(CALL);
        // The count starts over: it takes the threshold again to open.
        fail(THRESHOLD - 1);
        assertThat(circuit.isOpen()).isFalse();
    }

    @Test
    void aFailedProbeOpensItForAnotherCooldown() {
        fail(THRESHOLD);
        now.addAndGet(COOLDOWN);
        TargetCircuit.Pass probe = circuit.admit();
        circuit.failed(probe);

        assertThat(circuit.admit()).isEqualTo(REFUSED);
        assertThat(circuit.refusal()).isEqualTo("circuit open after 4 consecutive failures");
        now.addAndGet(COOLDOWN - 1);
        assertThat(circuit.admit()).isEqualTo(REFUSED);
        now.addAndGet(1);
        assertThat(circuit.admit()).isEqualTo(PROBE);
    }

    @Test
    void anAbandonedProbeLetsTheNextCallProbe() {
        fail(THRESHOLD);
        now.addAndGet(COOLDOWN);
        circuit.abandoned(circuit.admit());
        assertThat(circuit.admit()).isEqualTo(PROBE);
    }

    @Test
    void aLateFailureOfACallAdmittedBeforeItOpenedDoesNotEndTheProbe() {
        TargetCircuit.Pass early = circuit.admit();
        fail(THRESHOLD);
        now.addAndGet(COOLDOWN);
        assertThat(circuit.admit()).isEqualTo(PROBE);
        circuit.failed(early);
        assertThat(circuit.admit()).isEqualTo(REFUSED);
        circuit.succeeded();
        assertThat(circuit.admit()).isEqualTo(CALL);
    }
}
