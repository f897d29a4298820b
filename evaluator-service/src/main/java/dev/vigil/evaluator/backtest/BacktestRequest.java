package dev.vigil.evaluator.backtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.evaluator.automation.AutomationCreate;
import dev.vigil.model.event.Event;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The body of {@code POST /automations/backtest}: an automation as {@code POST /automations/}
 * takes it, loaded at {@code start}, and the events to replay until {@code until}.
 */
public record BacktestRequest(
        @JsonProperty("automation") AutomationCreate automation,
        @JsonProperty("start") OffsetDateTime start,
        @JsonProperty("events") List<Event> events,
        @JsonProperty("until") OffsetDateTime until) {
}
