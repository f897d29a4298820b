package dev.vigil.bench;

import java.util.Arrays;

/** p50/p99/p99.9/max of a set of latencies in nanoseconds, printed in milliseconds. */
final class Percentiles {

    private Percentiles() {
    }

    static String of(long[] nanos) {
        if (nanos.length == 0) {
            return "no samples";
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return "n=%d p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms".formatted(sorted.length,
                at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
