package dev.vigil.evaluator.metric;

import java.time.Instant;

/**
 * A metric trigger's state between evaluations: since when its condition has held (null when it does not),
 * when it fired (null unless it waits to be resolved), the value last computed (null when none), and when it
 * was last evaluated.
 */
public record MetricWatch(Instant since, Instant firedAt, Double lastValue, Instant checked) {

    public static final MetricWatch NEW = new MetricWatch(null, null, null, null);

    public String encode() {
        return millis(since) + "," + millis(firedAt) + "," + millis(checked) + ","
                + (lastValue == null ? "" : Double.toString(lastValue));
    }

    public static MetricWatch decode(String stored) {
        String[] parts = stored.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a stored metric watch: " + stored);
        }
        return new MetricWatch(instant(parts[0]), instant(parts[1]),
                parts[3].isEmpty() ? null : Double.valueOf(parts[3]), instant(parts[2]));
    }

    private static String millis(Instant at) {
        return at == null ? "" : Long.toString(at.toEpochMilli());
    }

    private static Instant instant(String millis) {
        return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
