package dev.vigil.evaluator.backtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A backtest's answer: the firings in the order evaluation produced them (as live would have), and what the
 * caller should know about how the run differs from what they might expect (a disabled automation, say).
 */
public record BacktestReport(
        @JsonProperty("firings") List<BacktestFiring> firings,
        @JsonProperty("warnings") List<String> warnings) {

    static final String DISABLED = "The automation is disabled (\"enabled\": false); live evaluation ignores "
            + "disabled automations, so the backtest evaluated nothing. Set \"enabled\": true to see what it would do.";

    public BacktestReport {
        firings = List.copyOf(firings);
        warnings = List.copyOf(warnings);
    }

    static BacktestReport disabled() {
        return new BacktestReport(List.of(), List.of(DISABLED));
    }
}
