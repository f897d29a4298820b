package dev.vigil.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightEventsTest {

    @Test
    void placesRunOutAtTheLimitAndComeBackOnRelease() {
        InFlightEvents inFlight = new InFlightEvents(2);
        assertThat(inFlight.tryAcquire()).isTrue();
        assertThat(inFlight.tryAcquire()).isTrue();
        assertThat(inFlight.tryAcquire()).isFalse();
        inFlight.release();
        assertThat(inFlight.tryAcquire()).isTrue();
        assertThat(inFlight.count()).isEqualTo(2);
    }
}
