package dev.vigil.console.automation;

import io.quarkus.qute.RawString;
import java.util.List;

/** A backtest over stored history: the range, the chart, and each firing with its rendered action previews. */
public record BacktestView(String since, String until, RawString chart, List<FiringRow> firings, String error) {

    /** One firing the backtest found: when, its state, the event that caused it, and what its actions would send. */
    public record FiringRow(String at, String state, String triggeringEventId, String actions) {
    }
}
