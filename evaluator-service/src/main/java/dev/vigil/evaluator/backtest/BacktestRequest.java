package dev.vigil.evaluator.backtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.evaluator.automation.AutomationCreate;
import dev.vigil.model.event.Event;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The body of {@code POST /automations/backtest}: an automation as {@code POST /automations/}
 * takes it, loaded at {@code start}, and the events to replay until {@code until}. The second form
 * gives {@code since} instead of {@code events}: the stored history of {@code [since, until]} is
 * replayed, with the automation loaded at {@code since}.
 */
public record BacktestRequest(
        @JsonProperty("automation") AutomationCreate automation,
        @JsonProperty("start") OffsetDateTime start,
        @JsonProperty("events") List<Event> events,
        @JsonProperty("until") OffsetDateTime until,
        @JsonProperty("since") OffsetDateTime since) {

    public boolean fromHistory() {
        return since != null;
    }
}
