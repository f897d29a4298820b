package dev.vigil.evaluator.backtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One firing a backtest found, with the actions it would have run, their templates rendered; a metric value. */
public record BacktestFiring(
        @JsonProperty("state") String state,
        @JsonProperty("at") OffsetDateTime at,
        @JsonProperty("triggering_event_id") UUID triggeringEventId,
        @JsonProperty("bucket") Map<String, String> bucket,
        @JsonProperty("triggering_value") @JsonInclude(JsonInclude.Include.NON_NULL) Double triggeringValue,
        @JsonProperty("actions") List<Map<String, Object>> actions) {
}
