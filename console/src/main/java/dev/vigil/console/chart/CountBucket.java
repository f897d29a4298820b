package dev.vigil.console.chart;

import java.time.Instant;

/** How many events fell into {@code [start, end)} (one row of ingest's {@code count-by/time}). */
public record CountBucket(Instant start, Instant end, long count) {
}
