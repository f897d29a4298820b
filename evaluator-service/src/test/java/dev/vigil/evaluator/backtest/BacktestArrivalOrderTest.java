package dev.vigil.evaluator.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BacktestArrivalOrderTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static ReceivedEvent event(int occurredSecond, int receivedSecond) {
        return new ReceivedEvent(T0.plusSeconds(occurredSecond), "pinged", Resource.of("r"), List.of(), Map.of(),
                UUID.randomUUID(), null, T0.plusSeconds(receivedSecond));
    }

    @Test
    void storedHistoryReplaysInTheOrderTheEventsWereReceived() {
        ReceivedEvent late = event(1, 9);
        ReceivedEvent first = event(2, 3);
        ReceivedEvent sameTimeA = event(3, 5);
        ReceivedEvent sameTimeB = event(4, 5);
        // Stored history comes ordered by occurrence.
        List<ReceivedEvent> byOccurrence = List.of(late, first, sameTimeA, sameTimeB);

        assertThat(BacktestService.inArrivalOrder(byOccurrence)).containsExactly(first, sameTimeA, sameTimeB, late);
    }
}
