package dev.vigil.console.automation;

import io.quarkus.qute.RawString;
import java.util.List;

/**
 * A backtest over stored history: the range, the chart, each firing with its rendered action previews, and the
 * API's warnings about the run.
 */
public record BacktestView(String since, String until, RawString chart, List<FiringRow> firings, List<String> warnings,
                           String error) {

    static BacktestView failed(String since, String until, String error) {
        return new BacktestView(since, until, null, List.of(), List.of(), error);
    }

    /** One firing the backtest found: when, its state, the event that caused it, and what its actions would send. */
    public record FiringRow(String at, String state, String triggeringEventId, String actions) {
    }
}
