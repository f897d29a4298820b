package dev.vigil.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightEventsTest {

    @Test
    void placesRunOutAtTheLimitAndComeBackOnceTheOldestIsSettled() {
        InFlightEvents inFlight = new InFlightEvents(2);
        long first = inFlight.tryAcquire();
        long second = inFlight.tryAcquire();
        assertThat(inFlight.tryAcquire()).isEqualTo(InFlightEvents.FULL);
        inFlight.release(second);
        assertThat(inFlight.tryAcquire()).as("the oldest still holds its place").isEqualTo(InFlightEvents.FULL);
        inFlight.release(first);
        assertThat(inFlight.count()).isZero();
        assertThat(inFlight.tryAcquire()).isNotEqualTo(InFlightEvents.FULL);
        assertThat(inFlight.tryAcquire()).isNotEqualTo(InFlightEvents.FULL);
        assertThat(inFlight.count()).isEqualTo(2);
    }

    @Test
    void waitersRunOnlyOnceEveryEventBeforeThemIsSettledInWhateverOrder() {
        InFlightEvents inFlight = new InFlightEvents(4);
        List<String> ran = new ArrayList<>();
        long a = inFlight.tryAcquire();
        long b = inFlight.tryAcquire();
        inFlight.afterAllSoFar(() -> ran.add("after a, b"));
        long c = inFlight.tryAcquire();
        inFlight.afterAllSoFar(() -> ran.add("after a, b, c"));

        inFlight.release(c);
        inFlight.release(b);
        assertThat(ran).isEmpty();
        inFlight.release(a);
        assertThat(ran).containsExactly("after a, b", "after a, b, c");

        inFlight.afterAllSoFar(() -> ran.add("nothing in flight"));
        assertThat(ran).endsWith("nothing in flight");
    }

    @Test
    void numbersWrapAroundTheRing() {
        InFlightEvents inFlight = new InFlightEvents(3);
        List<Long> settledWaiters = new ArrayList<>();
        for (long round = 0; round < 10; round++) {
            long x = inFlight.tryAcquire();
            long y = inFlight.tryAcquire();
            long r = round;
            inFlight.afterAllSoFar(() -> settledWaiters.add(r));
            inFlight.release(y);
            inFlight.release(x);
        }
        assertThat(settledWaiters).hasSize(10);
        assertThat(inFlight.count()).isZero();
    }
}
