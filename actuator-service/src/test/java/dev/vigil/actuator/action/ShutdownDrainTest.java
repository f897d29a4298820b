package dev.vigil.actuator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownDrainTest {

    private final ShutdownDrain drain = new ShutdownDrain();

    @Test
    void closeWaitsForTheActionsInFlightAndLetsNoNewOneIn() throws Exception {
        assertThat(drain.enter()).isTrue();
        assertThat(drain.enter()).isTrue();

        CompletableFuture<Integer> closing = CompletableFuture.supplyAsync(() -> drain.close(Duration.ofMinutes(1)));
        await().atMost(Duration.ofSeconds(10)).until(drain::closed);

        assertThat(drain.enter()).as("a new action after close").isFalse();
        drain.exit();
        assertThat(closing).as("one action still in flight").isNotDone();
        drain.exit();
        assertThat(closing.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void closeGivesUpAfterItsTimeAndCountsWhatIsLeft() {
        assertThat(drain.enter()).isTrue();

        assertThat(drain.close(Duration.ofMillis(50))).isEqualTo(1);
    }

    @Test
    void closeWithNothingInFlightReturnsAtOnce() {
        assertThat(drain.enter()).isTrue();
        drain.exit();

        int left = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> drain.close(Duration.ofHours(1)));
        assertThat(left).isZero();
    }
}
